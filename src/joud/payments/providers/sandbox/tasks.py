"""Delivering sandbox webhooks: signed at each delivery (fresh timestamp), retried on failure."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.tasks import default_task_backend, task
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_DELIVERIES = 6


def _deliver(body: bytes, signature: str) -> int:
    """POST the webhook. In-process by default (the demo and tests: no network needed; the
    signature is still checked by the endpoint); ``JOUD_SANDBOX_WEBHOOK_DELIVERY=http`` posts
    to ``JOUD_SITE_URL`` like a real gateway would."""
    from joud.payments.providers.sandbox.signing import HEADER

    mode = getattr(settings, "JOUD_SANDBOX_WEBHOOK_DELIVERY", "inprocess")
    if mode == "http":
        import urllib.request

        from django.urls import reverse

        url = settings.SITE_URL.rstrip("/") + reverse("payments:webhook", args=["sandbox"])
        request = urllib.request.Request(  # noqa: S310 (our own configured URL)
            url, data=body, headers={HEADER: signature, "Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
    from joud.payments.webhooks import InProcessRequest, handle_webhook

    status, _ = handle_webhook("sandbox", InProcessRequest(body=body, headers={HEADER: signature}))
    return status


@task
def deliver_sandbox_webhook(body: str, delivery: int = 1) -> int:
    from joud.payments.providers.sandbox.signing import sign

    raw = body.encode()
    try:
        status = _deliver(raw, sign(raw, settings.JOUD_SANDBOX_WEBHOOK_SECRET))
    except Exception:
        logger.exception("sandbox webhook delivery %s failed", delivery)
        status = 0
    if (status < 200 or status >= 300) and delivery < MAX_DELIVERIES:
        schedule_delivery(body, delay=2**delivery, delivery=delivery + 1)
    return status


def schedule_delivery(body: str, *, delay: float = 0, delivery: int = 1) -> None:
    """Enqueue one delivery, ``delay`` seconds from now where the backend can defer."""
    runner = deliver_sandbox_webhook
    if delay and default_task_backend.supports_defer:
        runner = runner.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
    runner.enqueue(body, delivery)
