import pytest
from django.core.mail import EmailMessage
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from joud.core.errors import BusinessError
from joud.core.messaging import DjangoEmailToOutbox, send_email, send_sms
from joud.core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _refuse(request):
    raise BusinessError(_("Not found"), code="refused")


def _ok(request):
    return HttpResponse("ok")


urlpatterns = [
    path("refuse/", _refuse),
    path("api/refuse/", _refuse),
    path("ok/", _ok),
    path("", include("joud.urls")),
]


@override_settings(ROOT_URLCONF=__name__)
def test_business_error_becomes_a_page_not_a_500(client):
    response = client.get("/refuse/")
    assert response.status_code == 400
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_business_error_on_a_form_post_goes_back_with_the_message(client):
    response = client.post("/refuse/", HTTP_REFERER="http://testserver/ok/")
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/ok/"


@override_settings(ROOT_URLCONF=__name__)
def test_business_error_in_the_api_is_json(client):
    response = client.get("/api/refuse/")
    assert response.status_code == 400
    assert response.json()["code"] == "refused"


def test_messages_go_through_the_configured_backend_to_the_outbox():
    send_sms(to="+96891234567", body="رمزك 123456")
    send_email(to="a@example.om", subject="إيصال", body="شكراً")
    assert list(OutboxMessage.objects.order_by("id").values_list("channel", "to")) == [
        ("sms", "+96891234567"),
        ("email", "a@example.om"),
    ]


def test_django_mail_goes_to_the_outbox_too():
    # The test runner swaps EMAIL_BACKEND for locmem, so call the configured backend directly.
    sent = DjangoEmailToOutbox().send_messages(
        [EmailMessage("Subject", "Body", None, ["b@example.om"])]
    )
    assert sent == 1
    assert OutboxMessage.objects.get(to="b@example.om").subject == "Subject"


def test_outbox_page_lists_messages(client):
    send_sms(to="+96891234567", body="رمزك 654321")
    assert "654321" in client.get("/dev/outbox/").content.decode()
