"""TOTP: required for organization staff and ministry reviewers, asked at every sign-in."""

from __future__ import annotations

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.signin import (
    confirm_code,
    enable_totp,
    last_code,
    password_login,
    request_code,
    signed_in_user_id,
    to_arabic_digits,
)

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"
AUTHENTICATE = "/accounts/2fa/authenticate/"


@pytest.fixture
def staff(db):
    user = UserFactory(phone="+96892223344", phone_verified=True)
    MembershipFactory(user=user, role="caseworker")
    return user


@pytest.fixture
def ministry_reviewer(db):
    return UserFactory(phone="+96892223355", phone_verified=True, is_ministry_reviewer=True)


def _secret_on_page(html: str) -> str:
    match = re.search(r'class="totp-secret"[^>]*><bdi>([A-Z2-7]+)</bdi>', html)
    assert match, "the TOTP secret is shown on the setup page"
    return match.group(1)


@pytest.mark.parametrize(("who", "home"), [("staff", "/org/"), ("ministry_reviewer", "/ministry/")])
def test_staff_without_totp_is_forced_to_set_it_up(client, request, who, home):
    user = request.getfixturevalue(who)
    response = password_login(client, user.phone)
    assert response.status_code == 302
    assert response["Location"] == home
    assert signed_in_user_id(client) == str(user.pk)

    # Every page but the account pages sends them to the TOTP setup.
    for path in [home, "/me/", "/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE

    page = client.get(ACTIVATE)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "data:image/svg+xml;base64," in html  # the QR code, inline
    secret = _secret_on_page(html)

    response = client.post(ACTIVATE, {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()

    response = client.post(ACTIVATE, {"code": to_arabic_digits(pyotp.TOTP(secret).now())})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # The recovery codes page offers the way home.
    page = client.get(response["Location"]).content.decode()
    assert f'href="{home}"' in page
    assert client.get(home).status_code == 200


def test_staff_with_totp_must_pass_the_code_step_after_password(client, staff):
    secret = enable_totp(staff)
    response = password_login(client, staff.phone)
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    assert signed_in_user_id(client) is None  # not signed in before the second factor
    assert client.get("/org/").status_code == 302

    page = client.get(AUTHENTICATE).content.decode()
    assert '<html lang="ar" dir="rtl">' in page

    response = client.post(AUTHENTICATE, {"code": "000000"})
    assert response.status_code == 200
    assert signed_in_user_id(client) is None

    response = client.post(AUTHENTICATE, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert response["Location"] == "/org/"
    assert signed_in_user_id(client) == str(staff.pk)
    assert client.get("/org/").status_code == 200


def test_staff_with_totp_must_pass_the_code_step_after_an_sms_code(client, staff):
    secret = enable_totp(staff)
    request_code(client, phone="92223344")
    response = confirm_code(client, last_code("+96892223344"))
    assert response.status_code == 302
    assert response["Location"] == AUTHENTICATE
    assert signed_in_user_id(client) is None
    response = client.post(AUTHENTICATE, {"code": to_arabic_digits(pyotp.TOTP(secret).now())})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(staff.pk)


def test_reviewer_with_totp_lands_on_the_ministry_console(client, ministry_reviewer):
    secret = enable_totp(ministry_reviewer)
    password_login(client, ministry_reviewer.phone)
    response = client.post(AUTHENTICATE, {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/ministry/"


def test_donors_are_not_forced(client):
    donor = UserFactory(phone="+96893334455", phone_verified=True)
    response = password_login(client, donor.phone)
    assert response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200
    assert client.get("/").status_code == 200


def test_a_former_member_is_no_longer_forced(client, staff):
    staff.memberships.update(is_active=False)
    password_login(client, staff.phone)
    assert client.get("/me/").status_code == 200


def test_repeated_wrong_totp_codes_lock_the_second_step(client, staff):
    secret = enable_totp(staff)
    password_login(client, staff.phone)
    right = pyotp.TOTP(secret).now()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        assert client.post(AUTHENTICATE, {"code": wrong}).status_code == 200
    response = client.post(AUTHENTICATE, {"code": right})
    assert response.status_code == 200
    assert "محاولات فاشلة كثيرة" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_staff_without_totp_gets_an_htmx_redirect_and_an_api_refusal(client, staff):
    password_login(client, staff.phone)
    response = client.get("/org/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == ACTIVATE
    response = client.get("/api/anything")
    assert response.status_code == 403
    assert response.json()["code"] == "two_factor_required"
