"""Reading payments' own records: webhook events received and the sandbox gateway's charges."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from joud.payments.models import SandboxCharge, WebhookEvent


def webhook_event_seen(provider: str, event_id: str) -> bool:
    """Whether this provider's event was received before (a redelivery, refused as a replay)."""
    return (
        bool(event_id)
        and WebhookEvent.objects.filter(provider=provider, event_id=event_id).exists()
    )


def sandbox_charge(reference: str) -> SandboxCharge | None:
    """The sandbox gateway's charge for one payment attempt reference, if it opened one."""
    return SandboxCharge.objects.filter(reference=reference).first()


def sandbox_charges_captured_on(day: dt.date) -> QuerySet[SandboxCharge]:
    """The sandbox's captured payments created on ``day`` (local time), oldest first."""
    return SandboxCharge.objects.filter(
        status=SandboxCharge.Status.SUCCEEDED, created_at__date=day
    ).order_by("id")


def webhook_event_received(provider: str, reference: str) -> bool:
    """Whether a verified event of ``provider`` about payment ``reference`` was received."""
    return WebhookEvent.objects.filter(provider=provider, reference=reference).exists()
