"""What the sandbox "gateway" keeps (its fee) and the webhooks it sends for each outcome."""

from __future__ import annotations

import json
import secrets
import time
from decimal import Decimal

from joud.core.money import quantize
from joud.payments.base import EventType

FEE_PERCENT = Decimal("1.5")  # what the sandbox "gateway" keeps, like a card fee


def sandbox_fee(amount: Decimal) -> Decimal:
    return quantize(amount * FEE_PERCENT / 100)


def build_event(charge, event_type: str, *, amount: Decimal | None = None) -> bytes:
    """The JSON body of one sandbox webhook (a fresh event id each time it is built)."""
    payload = {
        "id": "evt_" + secrets.token_hex(12),
        "type": event_type,
        "created": int(time.time()),
        "data": {
            "reference": charge.reference,
            "session_id": charge.session_id,
            "amount": str(charge.amount if amount is None else amount),
            "currency": charge.currency,
            "fee": str(charge.fee),
        },
    }
    return json.dumps(payload, separators=(",", ":")).encode()


OUTCOME_EVENTS = {
    "succeeded": [EventType.PAYMENT_PENDING, EventType.PAYMENT_SUCCEEDED],
    "failed": [EventType.PAYMENT_PENDING, EventType.PAYMENT_FAILED],
    "pending": [EventType.PAYMENT_PENDING],
}
