"""Receiving a provider's webhook, payments' half: find the provider, bound the body, verify.

What the verified event means for a donation is decided above, in ``joud.donations.webhooks``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from joud.payments.base import ProviderEvent, WebhookRejected, WebhookRequest
from joud.payments.registry import get_provider

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024


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
        return provider.parse_and_verify_webhook(request)
    except WebhookRejected as exc:
        logger.warning("webhook from %s rejected: %s", provider_id, exc.reason)
        raise
