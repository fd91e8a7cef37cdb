"""SMS through Twilio's SDK against recorded exchanges (the network stays shut): the exact
request, the delivery record, retries on 503 and timeouts, none on 21211, signed callbacks."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import logging
from urllib.parse import parse_qs

import pytest
import requests
import responses
from django.tasks import default_task_backend
from django.utils import timezone

from joud.core.messaging import send_sms
from joud.core.models import MessageDelivery
from joud.core.tasks import send_sms_task
from tests.core.recordings import load, replay

pytestmark = pytest.mark.django_db

ACCOUNT = "AC3f2a0c5b9d8e7f6a5b4c3d2e1f0a9b8c"
TOKEN = "twilio-test-auth-token-0123456789ab"
SID = "SM9c2e7a4b1f8d3e6a0c5b2f9e4d7a1c8b"
CALLBACK = "/messaging/status/twilio/"
DUMMY_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}
Status = MessageDelivery.Status


@pytest.fixture
def twilio(settings):
    settings.JOUD_SMS_BACKEND = "twilio"
    settings.TWILIO_ACCOUNT_SID = ACCOUNT
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TWILIO_FROM = "+15005550006"
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    settings.TWILIO_STATUS_CALLBACK = True
    settings.SITE_URL = "https://joud.example.om"
    settings.TASKS = DUMMY_TASKS  # retries are kept, not run: the test looks at them
    settings.JOUD_MESSAGING_MAX_ATTEMPTS = 3
    settings.JOUD_MESSAGING_RETRY_BASE_SECONDS = 30
    default_task_backend.clear()
    return settings


def _form(request) -> dict[str, str]:
    body = request.body if isinstance(request.body, str) else request.body.decode()
    assert body.isascii()  # url-encoded: the Arabic travels as UTF-8 escapes
    return {key: values[0] for key, values in parse_qs(body, encoding="utf-8").items()}


def _sent(recording: dict) -> MessageDelivery:
    form = recording["request"]["form"]
    return send_sms(to=form["To"], body=form["Body"], purpose="accounts.sign_in_code")


def test_a_message_sends_twilio_the_recorded_request_and_records_its_sid(twilio):
    with responses.RequestsMock() as rsps:
        recording = replay(rsps, "twilio_create_201")
        delivery = _sent(recording)
        (call,) = rsps.calls
    assert call.request.method == "POST"
    assert call.request.url == recording["request"]["url"]
    basic = base64.b64encode(f"{ACCOUNT}:{TOKEN}".encode()).decode()
    assert call.request.headers["Authorization"] == f"Basic {basic}"
    assert _form(call.request) == recording["request"]["form"]
    assert "%D8%AC%D9%88%D8%AF" in call.request.body  # "جود" as UTF-8
    delivery.refresh_from_db()
    assert (delivery.provider, delivery.provider_message_id) == ("twilio", SID)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Status.SENT, 1, "")
    assert delivery.purpose == "accounts.sign_in_code"
    assert delivery.to == "+9689*****67"  # masked: the record is not a contact list
    assert delivery.sent_at is not None
    assert default_task_backend.results == []


def test_a_messaging_service_replaces_the_sender_number(twilio):
    twilio.TWILIO_MESSAGING_SERVICE_SID = "MG0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    twilio.TWILIO_STATUS_CALLBACK = False
    with responses.RequestsMock() as rsps:
        recording = replay(rsps, "twilio_create_201")
        _sent(recording)
        form = _form(rsps.calls[0].request)
    assert form["MessagingServiceSid"] == "MG0a1b2c3d4e5f60718293a4b5c6d7e8f9"
    assert "From" not in form
    assert "StatusCallback" not in form


def test_a_503_is_recorded_and_retried_later_by_the_task_queue(twilio):
    with responses.RequestsMock() as rsps:
        recording = replay(rsps, "twilio_create_503")
        before = timezone.now()
        delivery = _sent(recording)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.QUEUED, 1)
    assert delivery.last_error == "twilio 503 code 20503"
    (retry,) = default_task_backend.results
    assert retry.task.func is send_sms_task.func
    assert retry.kwargs["delivery_id"] == delivery.pk
    assert retry.kwargs["body"] == recording["request"]["form"]["Body"]
    assert before + dt.timedelta(seconds=29) < retry.task.run_after
    assert retry.task.run_after < timezone.now() + dt.timedelta(seconds=31)

    # The worker runs the retry when it is due: Twilio answers this time.
    with responses.RequestsMock() as rsps:
        replay(rsps, "twilio_create_201")
        send_sms_task.call(**retry.kwargs)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.provider_message_id) == (
        Status.SENT,
        2,
        SID,
    )
    assert MessageDelivery.objects.count() == 1
    assert len(default_task_backend.results) == 1  # nothing more to retry

    send_sms_task.call(**retry.kwargs)  # the same task run twice sends nothing more


def test_a_timeout_is_retried_with_a_longer_wait_each_time_until_it_fails(twilio, caplog):
    url = load("twilio_create_201")["request"]["url"]
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, url, body=requests.exceptions.ReadTimeout("read timed out"))
        rsps.add(responses.POST, url, body=requests.exceptions.ConnectionError("refused"))
        rsps.add(responses.POST, url, body=requests.exceptions.ReadTimeout("read timed out"))
        delivery = send_sms(to="+96891234567", body="رمزك 123456")
        first = default_task_backend.results[-1]
        send_sms_task.call(**first.kwargs)
        second = default_task_backend.results[-1]
        with caplog.at_level(logging.ERROR, logger="joud.core.messaging"):
            send_sms_task.call(**second.kwargs)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 3)
    assert delivery.last_error == "twilio ReadTimeout"
    assert len(default_task_backend.results) == 2  # the third failure is the last attempt
    wait = [r.task.run_after - r.enqueued_at for r in default_task_backend.results]
    assert dt.timedelta(seconds=25) < wait[0] < dt.timedelta(seconds=31)
    assert dt.timedelta(seconds=55) < wait[1] < dt.timedelta(seconds=61)
    assert "failed after 3 attempt(s): twilio ReadTimeout" in caplog.text


def test_an_invalid_number_fails_at_once_without_a_retry(twilio, caplog):
    with responses.RequestsMock() as rsps:
        recording = replay(rsps, "twilio_create_400_21211")
        with caplog.at_level(logging.ERROR, logger="joud.core.messaging"):
            delivery = _sent(recording)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 1)
    assert delivery.last_error == "twilio 400 code 21211"  # no number, no token
    assert default_task_backend.results == []
    assert "failed after 1 attempt(s): twilio 400 code 21211" in caplog.text
    assert "+9681234" not in caplog.text


# --- Twilio's status callbacks -------------------------------------------------------------


def _twilio_signature(url: str, params: dict[str, str], token: str = TOKEN) -> str:
    """Twilio's documented scheme, written out: HMAC-SHA1 over the URL and the sorted fields."""
    data = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(token.encode(), data.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _sent_delivery() -> MessageDelivery:
    return MessageDelivery.objects.create(
        channel="sms", to="+9689*****67", provider="twilio", provider_message_id=SID, status="sent"
    )


def test_a_signed_callback_records_the_delivery(twilio, client):
    delivery = _sent_delivery()
    form = load("twilio_status_callback_delivered")["request"]["form"]
    signature = _twilio_signature("https://joud.example.om" + CALLBACK, form)
    response = client.post(CALLBACK, form, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED
    assert delivery.delivered_at is not None

    # A late "sent" report arriving after "delivered" does not move the message back.
    late = {**form, "MessageStatus": "sent", "SmsStatus": "sent"}
    signature = _twilio_signature("https://joud.example.om" + CALLBACK, late)
    assert client.post(CALLBACK, late, HTTP_X_TWILIO_SIGNATURE=signature).status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED


def test_an_undelivered_report_keeps_twilios_error_code(twilio, client):
    delivery = _sent_delivery()
    form = {"MessageSid": SID, "MessageStatus": "undelivered", "ErrorCode": "30005"}
    signature = _twilio_signature("https://joud.example.om" + CALLBACK, form)
    assert client.post(CALLBACK, form, HTTP_X_TWILIO_SIGNATURE=signature).status_code == 204
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_error) == (Status.UNDELIVERED, "twilio code 30005")


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "not-a-signature",
        _twilio_signature("https://joud.example.om" + CALLBACK, {"MessageSid": SID}, "forged"),
    ],
    ids=["missing", "empty", "junk", "another-token"],
)
def test_a_forged_callback_is_refused_and_changes_nothing(twilio, client, signature):
    delivery = _sent_delivery()
    form = load("twilio_status_callback_delivered")["request"]["form"]
    headers = {} if signature is None else {"HTTP_X_TWILIO_SIGNATURE": signature}
    assert client.post(CALLBACK, form, **headers).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT


def test_a_signature_for_another_address_is_refused(twilio, client):
    delivery = _sent_delivery()
    form = load("twilio_status_callback_delivered")["request"]["form"]
    signature = _twilio_signature("https://evil.example.com" + CALLBACK, form)
    assert client.post(CALLBACK, form, HTTP_X_TWILIO_SIGNATURE=signature).status_code == 403
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"MessageSid": "SM-unknown", "MessageStatus": "delivered"},
        {"MessageSid": SID, "MessageStatus": "exploded"},
        {"MessageSid": SID * 20, "MessageStatus": "delivered"},
        {"MessageSid": SID + "\x00", "MessageStatus": "delivered"},
    ],
    ids=["empty", "unknown-sid", "unknown-status", "oversized", "nul"],
)
def test_junk_signed_callbacks_answer_without_a_500(twilio, client, form):
    delivery = _sent_delivery()
    signature = _twilio_signature("https://joud.example.om" + CALLBACK, form)
    assert client.post(CALLBACK, form, HTTP_X_TWILIO_SIGNATURE=signature).status_code == 204
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT


def test_the_callback_takes_posts_only_and_refuses_without_a_token_configured(twilio, client):
    assert client.get(CALLBACK).status_code == 405
    twilio.TWILIO_AUTH_TOKEN = ""
    form = {"MessageSid": SID, "MessageStatus": "delivered"}
    signature = _twilio_signature("https://joud.example.om" + CALLBACK, form, "")
    assert client.post(CALLBACK, form, HTTP_X_TWILIO_SIGNATURE=signature).status_code == 403
