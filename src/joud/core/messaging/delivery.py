"""Every message recorded (``MessageDelivery``), sent through its backend, retried when it may.

``deliver`` makes one attempt: a success records the provider's id and status; a transient
failure (network, timeout, 5xx, 429, SMTP 4xx) is re-enqueued on the task queue after a backoff
until JOUD_MESSAGING_MAX_ATTEMPTS; a permanent one (an invalid number) is marked failed at once.
Either way the failure is logged and recorded: no message is lost silently. Providers' status
reports come in through ``record_status``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from joud.core.messaging.backends import (
    PermanentSendError,
    SendError,
    backend_for,
    provider_name,
)
from joud.core.models import MessageDelivery
from joud.core.observability.metrics import message_failed

logger = logging.getLogger("joud.core.messaging")
Status = MessageDelivery.Status
# A report never moves a message back: "sent" arriving after "delivered" changes nothing.
RANK = {
    Status.QUEUED: 0,
    Status.SENT: 1,
    Status.DELIVERED: 2,
    Status.UNDELIVERED: 2,
    Status.FAILED: 2,
}


def mask(channel: str, to: str) -> str:
    """Enough of the address to help an operator, not enough to be a contact list."""
    if channel == "email":
        name, _at, domain = to.partition("@")
        return f"{name[:1]}***@{domain}"[:254]
    return (to[:5] + "*" * max(len(to) - 7, 0) + to[-2:])[:254] if len(to) > 7 else "***"


def retry_delay(attempts: int) -> dt.timedelta:
    base = settings.JOUD_MESSAGING_RETRY_BASE_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.JOUD_MESSAGING_RETRY_MAX_SECONDS)
    return dt.timedelta(seconds=seconds)


def deliver(
    *,
    channel: str,
    to: str,
    body: str,
    subject: str = "",
    html_body: str = "",
    purpose: str = "",
    delivery_id: int | None = None,
) -> MessageDelivery:
    """One attempt at sending, recorded; a retry is enqueued when a transient failure allows."""
    if delivery_id is None:
        delivery = MessageDelivery.objects.create(
            channel=channel, to=mask(channel, to), purpose=purpose[:120]
        )
    else:
        delivery = MessageDelivery.objects.filter(pk=delivery_id).first()
        if delivery is None or delivery.status != Status.QUEUED:
            return delivery  # sent already (a task run twice), or its record was deleted
    delivery.attempts += 1
    delivery.next_attempt_at = None
    try:
        backend = backend_for(channel)
        delivery.provider = provider_name(backend)
        result = backend.send(
            channel=channel, to=to, subject=subject, body=body, html_body=html_body
        )
    except Exception as exc:  # any failure is recorded, none is lost
        _failed(delivery, exc)
    else:
        delivery.status = (result and result.status) or Status.SENT
        delivery.provider_message_id = ((result and result.message_id) or "")[:120]
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save()
        return delivery
    if delivery.status == Status.QUEUED:
        _schedule_retry(delivery, to=to, body=body, subject=subject, html_body=html_body)
    return delivery


def _failed(delivery: MessageDelivery, exc: Exception) -> None:
    # A SendError's text is generic by contract; anything else is named by its type only.
    reason = str(exc) if isinstance(exc, SendError) else f"{type(exc).__name__}"
    delivery.last_error = reason[:255]
    final = isinstance(exc, PermanentSendError)
    if final or delivery.attempts >= settings.JOUD_MESSAGING_MAX_ATTEMPTS:
        delivery.status = Status.FAILED
        message_failed(delivery.channel)
        logger.error(
            "message %s (%s %s, %s) failed after %s attempt(s): %s",
            delivery.pk,
            delivery.channel,
            delivery.to,
            delivery.purpose or "-",
            delivery.attempts,
            reason,
        )
    else:
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
        logger.warning(
            "message %s (%s %s) attempt %s failed, retrying at %s: %s",
            delivery.pk,
            delivery.channel,
            delivery.to,
            delivery.attempts,
            delivery.next_attempt_at.isoformat(),
            reason,
        )
    delivery.save()


def _schedule_retry(delivery: MessageDelivery, **message) -> None:
    from joud.core.tasks import send_email_task, send_sms_task

    task = send_sms_task if delivery.channel == "sms" else send_email_task
    if task.get_backend().supports_defer:
        task = task.using(run_after=delivery.next_attempt_at)
    if delivery.channel == "sms":
        message = {"to": message["to"], "body": message["body"]}
    task.enqueue(purpose=delivery.purpose, delivery_id=delivery.pk, **message)


def record_status(provider: str, message_id: str, status: str, *, error: str = "") -> bool:
    """A provider's report on one of its messages; False when it names none of ours."""
    if status not in RANK or not message_id or "\x00" in message_id:
        return False
    with transaction.atomic():
        delivery = (
            MessageDelivery.objects.select_for_update()
            .filter(provider=provider, provider_message_id=message_id)
            .first()
        )
        if delivery is None:
            return False
        if RANK[status] <= RANK[delivery.status] and status != delivery.status:
            return True  # late or out of order: keep what is known
        delivery.status = status
        if status == Status.DELIVERED:
            delivery.delivered_at = timezone.now()
        if error:
            delivery.last_error = error[:255]
        delivery.save()
        if status in (Status.FAILED, Status.UNDELIVERED):
            message_failed(delivery.channel)
            logger.error(
                "message %s (%s %s) reported %s by %s",
                delivery.pk,
                delivery.channel,
                delivery.to,
                status,
                provider,
            )
    return True


def failed_count(since: dt.datetime | None = None) -> int:
    """Messages that failed or were reported undelivered (since a moment): for metrics."""
    failed = MessageDelivery.objects.filter(status__in=(Status.FAILED, Status.UNDELIVERED))
    return (failed.filter(created_at__gte=since) if since else failed).count()


def send_sms(*, to: str, body: str, purpose: str = "") -> MessageDelivery:
    return deliver(channel="sms", to=to, body=body, purpose=purpose)


def send_email(
    *, to: str, subject: str, body: str, html_body: str = "", purpose: str = ""
) -> MessageDelivery:
    return deliver(
        channel="email", to=to, subject=subject, body=body, html_body=html_body, purpose=purpose
    )
