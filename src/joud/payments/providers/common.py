"""Helpers every gateway adapter needs: absolute return URLs, header look-ups that work for
Django requests and in-process deliveries alike, the "gateway unavailable" error, replays."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from joud.core.errors import BusinessError
from joud.payments.base import ProviderEvent
from joud.payments.selectors import webhook_event_seen


def absolute_url(url: str) -> str:
    """``url`` on this site (``SITE_URL``) unless it is absolute already: gateways need one."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def header(headers: Any, name: str) -> str:
    """A header from Django's case-insensitive headers or a plain dict (in-process delivery)."""
    value = headers.get(name)
    if value is None and isinstance(headers, dict):
        value = next((v for k, v in headers.items() if k.lower() == name.lower()), None)
    return str(value or "")


def gateway_unavailable() -> BusinessError:
    return BusinessError(
        _("The payment gateway is not available right now. Please try again in a few minutes."),
        code="gateway",
    )


def already_recorded(provider: str, event_id: str) -> bool:
    """A redelivered event is refused as a replay anyway: spare the gateway look-ups for it."""
    return webhook_event_seen(provider, event_id)


def replay_event(provider: str, event_id: str, raw: str) -> ProviderEvent:
    """Stands for an event seen before: the webhook endpoint answers "duplicate"."""
    return ProviderEvent(
        provider=provider, event_id=event_id, type="replay", reference="", raw_body=raw
    )
