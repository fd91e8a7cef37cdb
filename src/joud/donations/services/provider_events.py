"""Each gateway event (provider, event id) is recorded once: a replay is recognised and ignored."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from joud.payments.base import ProviderEvent


def record_event(event: ProviderEvent) -> bool:
    """Insert the event; False if this (provider, event id) was already recorded."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO payments_webhookevent (provider, event_id, event_type, reference, body,"
            " signature_ok, received_at, processed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (provider, event_id) DO NOTHING RETURNING id",
            [
                event.provider,
                event.event_id,
                event.type,
                event.reference,
                event.raw_body,
                True,
                timezone.now(),
                timezone.now(),
            ],
        )
        return cursor.fetchone() is not None
