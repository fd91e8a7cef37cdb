"""Who may file a complaint: anyone, without signing in, but only so many from one address per
hour, counted on the shared cache (as allauth counts sign-in attempts), so every app node sees the
same count. The ministry's side is ``joud.ministry.access``."""

from __future__ import annotations

import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(request) -> str:
    address = get_adapter(request).get_client_ip(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"joud:complaints:rate:{digest}"


def rate_limited(request) -> bool:
    """True when this address already filed its allowance this hour (nothing is counted)."""
    return (cache.get(_key(request)) or 0) >= settings.JOUD_COMPLAINTS_PER_HOUR


def count_complaint(request) -> None:
    key = _key(request)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
