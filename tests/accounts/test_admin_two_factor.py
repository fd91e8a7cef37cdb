"""The Django admin cannot be a way around the code step; staff sessions must have passed it."""

from __future__ import annotations

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.signin import (
    enable_totp,
    login_with_totp,
    password_login,
    signed_in_user_id,
)

pytestmark = pytest.mark.django_db

ADMIN = "/django-admin/"
ADMIN_LOGIN = "/django-admin/login/"
AUTHENTICATE = "/accounts/2fa/authenticate/"
REAUTHENTICATE = "/accounts/2fa/reauthenticate/"


@pytest.fixture
def superuser(db):
    return UserFactory(phone="+96892220011", phone_verified=True, is_staff=True, is_superuser=True)


def test_the_admin_login_form_no_longer_signs_in_with_a_password(client, superuser):
    enable_totp(superuser)
    response = client.post(
        ADMIN_LOGIN, {"username": superuser.email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert signed_in_user_id(client) is None
    assert client.get(ADMIN).status_code == 302


def test_the_admin_goes_through_the_site_sign_in_and_its_code_step(client, superuser):
    secret = enable_totp(superuser)
    response = client.get(ADMIN)
    assert response.status_code == 302
    login_page = client.get(response["Location"], follow=True)
    assert login_page.redirect_chain[-1][0].startswith("/accounts/login/")

    response = password_login(client, superuser.phone)
    assert response["Location"] == AUTHENTICATE
    assert signed_in_user_id(client) is None
    response = client.post(AUTHENTICATE, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get(ADMIN).status_code == 200


def test_a_session_that_skipped_the_code_step_is_asked_for_it(client, superuser):
    # As the admin's old login form did: signed in, with an authenticator, but no code given.
    secret = enable_totp(superuser)
    client.force_login(superuser)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == f"{REAUTHENTICATE}?next=%2Fdjango-admin%2F"
    assert client.get("/api/anything").json()["code"] == "two_factor_not_passed"
    assert client.get(ADMIN, HTTP_HX_REQUEST="true")["HX-Redirect"].startswith(REAUTHENTICATE)

    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html and 'name="code"' in html
    # A password proves nothing new here: the page offers only the code.
    assert "/accounts/reauthenticate/" not in html
    response = client.post(REAUTHENTICATE, {"code": pyotp.TOTP(secret).now(), "next": ADMIN})
    assert response.status_code == 302
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_organization_staff_who_skipped_the_code_step_cannot_open_their_pages(client):
    staff = UserFactory(phone="+96892220022", phone_verified=True)
    MembershipFactory(user=staff, role="caseworker")
    enable_totp(staff)
    client.force_login(staff)
    assert client.get("/org/").status_code == 302
    assert client.get("/org/")["Location"].startswith(REAUTHENTICATE)


def test_the_admin_shows_no_authenticator_secret_and_cannot_delete_one(client, superuser):
    staff = UserFactory()
    secret = enable_totp(staff)
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    login_with_totp(client, superuser)

    listing = client.get(f"{ADMIN}mfa/authenticator/")
    assert listing.status_code == 200
    page = client.get(f"{ADMIN}mfa/authenticator/{authenticator.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert secret not in html
    assert "secret" not in html
    assert authenticator.data["secret"] not in html

    client.post(f"{ADMIN}mfa/authenticator/{authenticator.pk}/delete/", {"post": "yes"})
    client.post(
        f"{ADMIN}mfa/authenticator/",
        {"action": "delete_selected", "_selected_action": [authenticator.pk], "post": "yes"},
    )
    assert Authenticator.objects.filter(pk=authenticator.pk).exists()
