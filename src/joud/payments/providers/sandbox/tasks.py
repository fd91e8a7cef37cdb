"""Delivering sandbox webhooks: signed at each delivery (fresh timestamp), retried on failure.

The sandbox is a gateway like any other: it knows the platform only by its webhook URL
(``payments:webhook``). It POSTs there over HTTP, or hands the same request to the view that
serves that URL in this process (the demo and the tests: no network, same checks).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.tasks import default_task_backend, task
from django.urls import resolve, reverse
from django.utils import timezone

from joud.payments.providers.sandbox.signing import HEADER, sign

logger = logging.getLogger(__name__)

MAX_DELIVERIES = 6


def _post_http(path: str, body: bytes, signature: str) -> int:
    url = settings.SITE_URL.rstrip("/") + path
    request = urllib.request.Request(  # noqa: S310 (our own configured URL)
        url, data=body, headers={HEADER: signature, "Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _post_in_process(path: str, body: bytes, signature: str) -> int:
    """The POST a gateway would make, handed straight to the view serving ``path``."""
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SERVER_NAME": "sandbox",
            "SERVER_PORT": "80",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_" + HEADER.upper().replace("-", "_"): signature,
        }
    )
    match = resolve(path)
    return match.func(request, *match.args, **match.kwargs).status_code


def _deliver(body: bytes, signature: str) -> int:
    """POST the webhook. In-process by default (the demo and tests: no network needed; the
    signature is still checked by the endpoint); ``JOUD_SANDBOX_WEBHOOK_DELIVERY=http`` posts
    to ``JOUD_SITE_URL`` like a real gateway would."""
    path = reverse("payments:webhook", args=["sandbox"])
    if getattr(settings, "JOUD_SANDBOX_WEBHOOK_DELIVERY", "inprocess") == "http":
        return _post_http(path, body, signature)
    return _post_in_process(path, body, signature)


def deliver_in_process_now(body: str) -> int:
    """Apply one event at once in this process, signed as the gateway would sign it, whatever
    the delivery setting: for seeding, when no server is listening yet."""
    raw = body.encode()
    path = reverse("payments:webhook", args=["sandbox"])
    return _post_in_process(path, raw, sign(raw, settings.JOUD_SANDBOX_WEBHOOK_SECRET))


@task
def deliver_sandbox_webhook(body: str, delivery: int = 1) -> int:
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
