"""Thawani's webhook signature.

Thawani sends two headers with every webhook: ``thawani-timestamp`` (Unix time) and
``thawani-signature`` = hex HMAC-SHA256 of ``"<raw body>-<timestamp>"`` keyed with the webhook
secret from the merchant portal. We compare in constant time and refuse a timestamp outside the
tolerance (a replayed delivery), on top of the unique event id the webhook endpoint enforces.
"""

from __future__ import annotations

import hashlib
import hmac

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
