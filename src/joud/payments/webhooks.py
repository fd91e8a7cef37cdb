"""Receiving a provider's webhook: verify, then hand the event to the donations service."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from joud.payments.base import WebhookRejected
from joud.payments.registry import get_provider

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024


@dataclass
class InProcessRequest:
    """A webhook delivered without HTTP (sandbox in the demo and tests): same checks."""

    body: bytes
    headers: dict[str, Any] = field(default_factory=dict)


def handle_webhook(provider_id: str, request) -> tuple[int, dict]:
    from joud.donations.services import payment_event_apply

    provider = get_provider(provider_id)
    if provider is None:
        return 404, {"error": "unknown provider"}
    if len(request.body) > MAX_BODY:
        return 413, {"error": "too large"}
    try:
        event = provider.parse_and_verify_webhook(request)
    except WebhookRejected as exc:
        logger.warning("webhook from %s rejected: %s", provider_id, exc.reason)
        return exc.status, {"error": exc.reason}
    result = payment_event_apply(event=event)
    return 200, {"status": result}
