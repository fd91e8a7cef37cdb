"""The sandbox gateway's webhook signature: ``Joud-Signature: t=<unix time>,v1=<hex>`` where
``hex = HMAC-SHA256(secret, "<t>.<raw body>")`` (the scheme real gateways use)."""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Joud-Signature"


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    t = int(time.time() if timestamp is None else timestamp)
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def parse_header(value: str) -> tuple[int, list[str]]:
    t, sigs = None, []
    for part in (value or "").split(","):
        key, _, val = part.strip().partition("=")
        if key == "t" and val.isdigit():
            t = int(val)
        elif key == "v1" and val:
            sigs.append(val)
    if t is None or not sigs:
        raise ValueError("malformed signature header")
    return t, sigs


def verify(body: bytes, header: str, secret: str, *, now: float, tolerance: float) -> int:
    """Returns the signed timestamp; raises ValueError if forged or stale."""
    t, sigs = parse_header(header)
    expected = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected, s) for s in sigs):
        raise ValueError("bad signature")
    if abs(now - t) > tolerance:
        raise ValueError("stale timestamp")
    return t
