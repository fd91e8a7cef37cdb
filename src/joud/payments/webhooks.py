"""Receiving a provider's webhook, payments' half: find the provider, bound the body, verify.

What the verified event means for a donation is decided above, in ``joud.donations.webhooks``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from joud.core.money import STORABLE_MAXIMUM
from joud.payments.base import ProviderEvent, WebhookRejected, WebhookRequest
from joud.payments.registry import get_provider

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024

# What a sender is told; the parser's own text (which may quote the body or a library's
# internals) only goes to the log.
_PUBLIC_REASONS = {
    "unknown provider",
    "too large",
    "bad signature",
    "stale timestamp",
    "no webhook secret configured",
    "invalid amount",
}


def public_reason(exc: WebhookRejected) -> str:
    if exc.reason in _PUBLIC_REASONS:
        return exc.reason
    if exc.reason.startswith("malformed signature"):
        return "bad signature"
    return "try again later" if exc.status >= 500 else "invalid payload"


@dataclass
class InProcessRequest:
    """A webhook delivered without HTTP (tests and the bench): the same checks as a POST."""

    body: bytes
    headers: dict[str, Any] = field(default_factory=dict)


def verified_event(provider_id: str, request: WebhookRequest) -> ProviderEvent:
    """The genuine, fresh event in ``request``; ``WebhookRejected`` (with its HTTP status)
    for an unknown provider, an oversized body, or a forged, stale or malformed event."""
    provider = get_provider(provider_id)
    if provider is None:
        raise WebhookRejected("unknown provider", status=404)
    if len(request.body) > MAX_BODY:
        raise WebhookRejected("too large", status=413)
    try:
        event = provider.parse_and_verify_webhook(request)
        _check_amounts(event)
    except WebhookRejected as exc:
        logger.warning("webhook from %s rejected: %s", provider_id, exc.reason)
        raise WebhookRejected(public_reason(exc), status=exc.status) from exc
    return event


def _check_amounts(event: ProviderEvent) -> None:
    """A signed event still may not carry an amount the books cannot hold (nor a negative one)."""
    for name, value in (("amount", event.amount), ("fee", event.fee)):
        if value is not None and not (0 <= value <= STORABLE_MAXIMUM):
            raise WebhookRejected("invalid amount") from ValueError(
                f"{name} out of bounds: {value}"
            )
