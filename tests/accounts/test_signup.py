"""Signing up with a mobile number (email optional), confirmed by an SMS code."""

from __future__ import annotations

import pytest

from joud.accounts.models import User
from tests.factories import UserFactory
from tests.fixtures.signin import last_code, signed_in_user_id, to_arabic_digits

pytestmark = pytest.mark.django_db

PASSWORD = "Sadaqa-jariya-2026"


def test_signup_with_mobile_only_then_sms_confirmation(client):
    response = client.post("/accounts/signup/", {"phone": "٩٥٥٥ ١٢٣٤", "password1": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/phone/verify/"
    user = User.objects.get(phone="+96895551234")
    assert user.email is None
    assert not user.phone_verified

    page = client.get("/accounts/phone/verify/").content.decode()
    assert "+96895551234" in page
    response = client.post(
        "/accounts/phone/verify/", {"code": to_arabic_digits(last_code("+96895551234"))}
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    user.refresh_from_db()
    assert user.phone_verified
    assert signed_in_user_id(client) == str(user.pk)
    assert user.check_password(PASSWORD)


def test_signup_with_mobile_and_email(client):
    response = client.post(
        "/accounts/signup/",
        {"phone": "+968 7123 4567", "email": "Mariam@Example.om", "password1": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(phone="+96871234567")
    assert user.email.lower() == "mariam@example.om"


def test_signup_wrong_code_keeps_the_number_unverified(client):
    client.post("/accounts/signup/", {"phone": "95551234", "password1": PASSWORD})
    code = last_code("+96895551234")
    response = client.post(
        "/accounts/phone/verify/", {"code": "000000" if code != "000000" else "1"}
    )
    assert response.status_code == 200
    assert "هذا الرمز غير صحيح" in response.content.decode()
    assert not User.objects.get(phone="+96895551234").phone_verified


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("", "هذا الحقل مطلوب"),
        ("12345", "٨ أرقام تبدأ بـ ٧ أو ٩"),
        ("+971501234567", "رقماً عُمانياً"),
    ],
)
def test_signup_refuses_a_missing_or_bad_number_and_keeps_the_data(client, phone, message):
    response = client.post(
        "/accounts/signup/", {"phone": phone, "email": "keep@example.om", "password1": PASSWORD}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert 'value="keep@example.om"' in body
    assert not User.objects.exists()


def test_signup_with_a_taken_number_creates_no_second_account(client):
    UserFactory(phone="+96895551234")
    client.post("/accounts/signup/", {"phone": "95551234", "password1": PASSWORD})
    assert User.objects.filter(phone="+96895551234").count() == 1
