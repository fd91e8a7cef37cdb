"""The developer outbox shows the demo staff's current TOTP codes."""

from __future__ import annotations

import time

import pyotp
import pytest

from joud.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRETS

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
