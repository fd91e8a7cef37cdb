"""Each gateway event (provider, event id) is recorded once: a replay is recognised and ignored.

``payment_event_accept`` is the webhook's whole work: one INSERT of the verified event, to be
applied later by the consumer (``services.applying``); ``record_event`` records an event that is
applied at once, in the same transaction.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone

from joud.core.observability.metrics import payment_event_applied
from joud.donations.fastpath import prepared_cursor
from joud.payments.base import ProviderEvent

ACCEPT_SQL = (
    "INSERT INTO payments_webhookevent (provider,event_id,event_type,reference,body,signature_ok,"
    "received_at,processed_at,provider_reference,amount,currency,fee,data,result,apply_failures,"
    "apply_error) VALUES (%s,%s,%s,%s,%s,TRUE,%s,NULL,%s,%s,%s,%s,%s,'',0,'')"
    " ON CONFLICT (provider,event_id) DO NOTHING RETURNING id"
)


def payment_event_accept(*, event: ProviderEvent) -> str:
    """Store a verified event for the consumer: ``accepted``, or ``duplicate`` if this
    (provider, event id) was received before. One statement, in autocommit: the gateway's 200
    means the event is durably ours."""
    params = [
        event.provider,
        event.event_id,
        event.type,
        event.reference,
        event.raw_body,
        timezone.now(),
        event.provider_reference[:120],
        event.amount,
        event.currency,
        event.fee,
        json.dumps(event.data or {}, cls=DjangoJSONEncoder),
    ]
    # Prepared on PostgreSQL: planned once per connection, not on every webhook.
    with prepared_cursor() if connection.vendor == "postgresql" else connection.cursor() as cursor:
        cursor.execute(ACCEPT_SQL, params)
        new = cursor.fetchone() is not None
    if not new:
        payment_event_applied("duplicate")  # counted where it is decided, as before
    return "accepted" if new else "duplicate"


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
