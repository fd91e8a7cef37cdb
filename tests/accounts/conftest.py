"""Sign-in helpers: real posts through allauth's views, codes read from the outbox."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.core.cache import cache

from joud.core.models import OutboxMessage

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


def last_code(to: str) -> str:
    """The six-digit code in the latest SMS or email sent to ``to``."""
    message = OutboxMessage.objects.filter(to=to).order_by("-id").first()
    assert message is not None, f"nothing was sent to {to}"
    match = re.search(r"\b(\d{6})\b", message.body)
    assert match, message.body
    return match.group(1)


def to_arabic_digits(text: str) -> str:
    return text.translate(ARABIC_DIGITS)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def request_code(client, **data):
    return client.post("/accounts/login/code/", data)


def confirm_code(client, code: str):
    return client.post("/accounts/login/code/confirm/", {"code": code})


FACTORY_PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory sets it


def password_login(client, login: str, password: str = FACTORY_PASSWORD):
    return client.post("/accounts/login/", {"login": login, "password": password})


def totp_now(secret: str) -> str:
    return pyotp.TOTP(secret).now()
