"""Signing in: by SMS code, by email code, by password; lockout and rate limits."""

from __future__ import annotations

import pytest
from django.test import Client

from joud.core.models import OutboxMessage
from tests.factories import UserFactory
from tests.fixtures.signin import (
    confirm_code,
    last_code,
    password_login,
    request_code,
    signed_in_user_id,
    to_arabic_digits,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return UserFactory(phone="+96891234567", email="salim@example.om", phone_verified=True)


def test_phone_code_login_with_arabic_digits(client, person):
    response = request_code(client, phone="٩١٢٣ ٤٥٦٧")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/"
    sms = OutboxMessage.objects.get(to="+96891234567")
    assert sms.channel == "sms"
    assert "جود" in sms.body  # the SMS is in the visitor's language (Arabic)

    page = client.get("/accounts/login/code/confirm/").content.decode()
    assert "+96891234567" in page

    response = confirm_code(client, to_arabic_digits(last_code("+96891234567")))
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    assert signed_in_user_id(client) == str(person.pk)
    person.refresh_from_db()
    assert person.phone_verified


def test_email_code_login(client, person):
    response = request_code(client, email="salim@example.om")
    assert response.status_code == 302
    email = OutboxMessage.objects.get(to="salim@example.om", channel="email")
    assert signed_in_user_id(client) is None
    response = confirm_code(client, last_code(email.to))
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(person.pk)


@pytest.mark.parametrize("login", ["salim@example.om", "91234567", "+968 9123 4567", "٩١٢٣٤٥٦٧"])
def test_password_login_by_email_or_mobile(client, person, login):
    response = password_login(client, login)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/me/"
    assert signed_in_user_id(client) == str(person.pk)


def test_wrong_password_is_a_clear_message(client, person):
    response = password_login(client, "91234567", "not-the-password")
    assert response.status_code == 200
    assert "رقم الهاتف أو كلمة المرور غير صحيحة" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_foreign_or_landline_number_is_refused_with_a_message(client, person):
    response = request_code(client, phone="+971501234567")
    assert response.status_code == 200
    assert "أدخل رقماً عُمانياً" in response.content.decode()
    response = request_code(client, phone="24123456")
    assert response.status_code == 200
    assert "٨ أرقام تبدأ بـ ٧ أو ٩" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_unknown_number_gets_no_usable_code(client, person):
    # Enumeration prevention: the page looks the same, and nothing is texted to the number
    # (no code, and no "there is no account" either: that SMS could be pumped).
    response = request_code(client, phone="99887766")
    assert response.status_code == 302
    assert not OutboxMessage.objects.filter(to="+96899887766").exists()
    response = confirm_code(client, "123456")
    assert signed_in_user_id(client) is None


def test_fourth_wrong_code_does_not_sign_in_even_if_the_right_code_follows(client, person):
    request_code(client, phone="91234567")
    code = last_code("+96891234567")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(2):
        response = confirm_code(client, wrong)
        assert response.status_code == 200
        assert "هذا الرمز غير صحيح" in response.content.decode()
    # The third wrong code ends the attempt (LOGIN_BY_CODE_MAX_ATTEMPTS = 3) ...
    response = confirm_code(client, wrong)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/"
    page = client.get(response["Location"]).content.decode()
    assert "محاولات فاشلة كثيرة" in page
    # ... so a fourth wrong one, then the right one, change nothing.
    confirm_code(client, wrong)
    response = confirm_code(client, code)
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_requesting_too_many_codes_is_a_clear_message(person):
    # ACCOUNT_RATE_LIMITS["request_login_code"]: 3 a minute for one number, whatever the session.
    for _ in range(3):
        assert request_code(Client(), phone="91234567").status_code == 302
    response = request_code(Client(), phone="91234567")
    assert response.status_code == 200
    assert "محاولات فاشلة كثيرة" in response.content.decode()
    assert OutboxMessage.objects.filter(to="+96891234567").count() == 3


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, person):
    # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per number in 5 minutes, then even the right password waits.
    for _ in range(5):
        password_login(client, "91234567", "wrong-password")
    response = password_login(client, "91234567")
    assert response.status_code == 200
    assert "محاولات فاشلة كثيرة" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_login_rate_limit_answers_with_a_page_not_a_500(client, person, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _ in range(2):
        password_login(client, "91234567", "wrong-password")
    response = password_login(client, "91234567")
    assert response.status_code == 429
    body = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in body
    assert "محاولات كثيرة" in body


def test_signed_in_user_is_sent_home_from_login_page(client, person):
    client.force_login(person)
    response = client.get("/accounts/login/")
    assert response.status_code == 302
