"""Thawani's webhook signature.

Thawani sends two headers with every webhook: ``thawani-timestamp`` (Unix time) and
``thawani-signature`` = hex HMAC-SHA256 of ``"<raw body>-<timestamp>"`` keyed with the webhook
secret from the merchant portal. Sources disagree on the key: Thawani's developer page names a
webhook secret, some community code signs with the API secret key. ``JOUD_THAWANI_SIGNING_KEY``
says which (``webhook_secret``, ``secret_key`` or ``either``); ``sample_check`` tells at startup
whether a delivery captured from the test environment verifies with it. We compare in constant time and refuse a timestamp outside the
tolerance (a replayed delivery), on top of the unique event id the webhook endpoint enforces.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

SIGNATURE_HEADER = "thawani-signature"
TIMESTAMP_HEADER = "thawani-timestamp"


def compute(body: bytes, timestamp: str, secret: str) -> str:
    return hmac.new(secret.encode(), body + b"-" + timestamp.encode(), hashlib.sha256).hexdigest()


def sign(body: bytes, secret: str, timestamp: int) -> dict[str, str]:
    """The headers Thawani would send (used by the tests and the recorded exchanges)."""
    ts = str(int(timestamp))
    return {TIMESTAMP_HEADER: ts, SIGNATURE_HEADER: compute(body, ts, secret)}


def _seconds(timestamp: str) -> float:
    value = int(timestamp)
    # Some deliveries carry milliseconds: a 13-digit value cannot be seconds before year 2286.
    return value / 1000 if value > 10**12 else float(value)


def verify(
    body: bytes, timestamp: str, signature: str, secret: str, *, now: float, tolerance: float
):
    """Raises ValueError if the signature is missing, forged or stale."""
    timestamp = (timestamp or "").strip()
    signature = (signature or "").strip().lower()
    if not secret:
        raise ValueError("no webhook secret configured")
    if not timestamp.isdigit() or not signature:
        raise ValueError("missing signature headers")
    if not hmac.compare_digest(compute(body, timestamp, secret), signature):
        raise ValueError("bad signature")
    if abs(now - _seconds(timestamp)) > tolerance:
        raise ValueError("stale timestamp")


SIGNING_KEY_CHOICES = ("webhook_secret", "secret_key", "either")
_KEY_SETTINGS = {
    "webhook_secret": "JOUD_THAWANI_WEBHOOK_SECRET",
    "secret_key": "JOUD_THAWANI_SECRET_KEY",
}


def signing_keys(choice: str | None = None) -> list[str]:
    """The configured key(s) that may sign a webhook (empty ones left out)."""
    choice = choice or settings.JOUD_THAWANI_SIGNING_KEY
    names = list(_KEY_SETTINGS) if choice == "either" else [choice]
    keys = [getattr(settings, _KEY_SETTINGS[n], "") for n in names if n in _KEY_SETTINGS]
    return [key for key in keys if key]


def verify_any(body: bytes, timestamp: str, signature: str, secrets: list[str], **kw) -> None:
    """``verify`` with each key in turn; ValueError from the last when none verifies."""
    if not secrets:
        raise ValueError("no webhook secret configured")
    error: ValueError | None = None
    for secret in secrets:
        try:
            return verify(body, timestamp, signature, secret, **kw)
        except ValueError as exc:
            error = exc
            if str(exc) == "stale timestamp":
                raise  # the key verified; the delivery is too old
    raise error or ValueError("bad signature")


def sample_check(sample: dict) -> str | None:
    """Which reading verifies a delivery captured from Thawani's test environment
    (``{"body": "...", "headers": {...}}``), freshness aside: None when the configured one does,
    else a sentence for the operator."""
    body = str(sample.get("body") or "").encode()
    headers = {k.lower(): str(v) for k, v in (sample.get("headers") or {}).items()}
    timestamp, signature = headers.get(TIMESTAMP_HEADER, ""), headers.get(SIGNATURE_HEADER, "")

    def verifies(choice: str) -> bool:
        try:
            verify_any(
                body, timestamp, signature, signing_keys(choice), now=0, tolerance=float("inf")
            )
        except ValueError:
            return False
        return True

    if verifies(settings.JOUD_THAWANI_SIGNING_KEY):
        return None
    for choice in ("webhook_secret", "secret_key"):
        if verifies(choice):
            return (
                f"Thawani's sample webhook is signed with the {choice.replace('_', ' ')}: set "
                f"JOUD_THAWANI_SIGNING_KEY={choice}."
            )
    return (
        "Neither JOUD_THAWANI_WEBHOOK_SECRET nor JOUD_THAWANI_SECRET_KEY verifies Thawani's sample "
        "webhook (JOUD_THAWANI_WEBHOOK_SAMPLE): every webhook would be refused and gifts would "
        "stay pending. Copy the keys of the same Thawani environment the sample came from."
    )
