"""The developer outbox shows the demo staff's current TOTP codes."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP

from joud.demo.world import DEMO_PASSWORD, DEMO_TOTP_SECRETS
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.signin import password_login, signed_in_user_id

pytestmark = pytest.mark.django_db


def test_outbox_lists_each_demo_staff_login_with_its_current_code(client):
    before = time.time()
    body = client.get("/dev/outbox/").content.decode()
    after = time.time()
    assert "المصادِق التجريبي" in body
    assert DEMO_PASSWORD in body
    for email, secret in DEMO_TOTP_SECRETS.items():
        assert email in body
        codes = {pyotp.TOTP(secret).at(before), pyotp.TOTP(secret).at(after)}
        assert any(code in body for code in codes), email


def test_outbox_is_hidden_when_not_enabled(client, settings):
    settings.JOUD_SHOW_OUTBOX = False
    assert client.get("/dev/outbox/").status_code == 404


def test_the_code_shown_on_the_outbox_signs_a_demo_staff_member_in(client):
    email = "admin@demo.joud.om"
    user = UserFactory(email=email, phone_verified=True)
    MembershipFactory(user=user, role="admin")
    TOTP.activate(user, DEMO_TOTP_SECRETS[email])

    response = password_login(client, email)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    outbox = client.get("/dev/outbox/").content.decode()
    match = re.search(re.escape(email) + r".*?data-totp-code>(\d{6})<", outbox, re.S)
    assert match, "the outbox shows the admin's current code"
    response = client.post("/accounts/2fa/authenticate/", {"code": match.group(1)})
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
