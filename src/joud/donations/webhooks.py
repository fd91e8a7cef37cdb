"""The webhook endpoint, ``/pay/webhooks/<provider>/``: payments verifies the event, donations
accepts it (one INSERT, unique on provider and event id) and answers 200; the consumer
(``services.applying``) applies it moments later, in a batch. The hottest path of the platform on
a donation night: keep it this thin.

An event without an id cannot be told from its replay, so it cannot be queued exactly once: it is
applied in the request, as a poll's result is (the attempt's lock keeps it exactly-once)."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from joud.core.observability.metrics import webhook_rejected
from joud.donations.services import payment_event_accept, payment_event_apply
from joud.payments.base import WebhookRejected, WebhookRequest
from joud.payments.webhooks import InProcessRequest, verified_event

__all__ = ["InProcessRequest", "handle_webhook", "webhook"]


def handle_webhook(provider_id: str, request: WebhookRequest) -> tuple[int, dict]:
    """(HTTP status, JSON body) for one delivery of a provider's webhook."""
    try:
        event = verified_event(provider_id, request)
    except WebhookRejected as exc:
        webhook_rejected(exc.reason)
        return exc.status, {"error": exc.reason}
    if not event.event_id:
        return 200, {"status": payment_event_apply(event=event)}
    return 200, {"status": payment_event_accept(event=event)}


@csrf_exempt
@require_POST
def webhook(request, provider: str):
    status, payload = handle_webhook(provider, request)
    return JsonResponse(payload, status=status)
