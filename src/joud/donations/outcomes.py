"""What a gateway's outcome does to a payment attempt.

Shared by the two ways a confirmation is applied: the ORM path (``services.confirmation``) and
the one-statement SQL path (``fastpath``), which mirrors ``decide`` in its ``dec`` step.
"""

from __future__ import annotations

from joud.donations.models import PaymentAttempt
from joud.payments.base import ProviderEvent

A = PaymentAttempt.State


def decide(attempt_state: str, outcome: str, matches: bool, donation_paid: bool = False) -> str:
    """What a gateway outcome does to an attempt in ``attempt_state``.

    ``confirm`` / ``hold`` / ``fail`` / ``pend`` / ``noop``. A settled attempt (confirmed or held)
    never changes again; a late "pending" never undoes anything. A payment for a donation another
    attempt already paid (``donation_paid``) is held for review, never booked a second time.
    Mirrored in fastpath.SQL.
    """
    if attempt_state in (A.CONFIRMED, A.HELD):
        return "noop"
    if outcome == "succeeded":
        return "confirm" if matches and not donation_paid else "hold"
    if outcome == "failed" and attempt_state in (A.CREATED, A.PENDING):
        return "fail"
    if outcome == "pending" and attempt_state == A.CREATED:
        return "pend"
    return "noop"


def held_payment_note(event: ProviderEvent) -> str:
    """The note kept on an attempt held for review: what the gateway reported instead."""
    return f"gateway reported {event.amount} {event.currency}"[:200]


class ApplyResult:
    """What applying one event did, and what the caller must do after the commit."""

    __slots__ = ("action", "donation_id", "has_contact", "is_gift", "public_case_id")

    def __init__(
        self,
        action: str,
        donation_id: int | None = None,
        is_gift: bool = False,
        has_contact: bool = False,
        public_case_id: int | None = None,
    ):
        self.action, self.donation_id = action, donation_id
        self.is_gift, self.has_contact = is_gift, has_contact
        self.public_case_id = public_case_id
