"""Applying what gateways report to payments, exactly once.

Confirmation is idempotent and race-safe (after pretix ``OrderPayment.confirm``): the payment
attempt row is locked, its state re-read, and nothing happens if it is already settled. The
webhook, the return page's check and every retry race through the same lock. On PostgreSQL the
webhook path runs as ONE SQL statement (``donations.fastpath``) that does exactly what
``_apply_orm`` does.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.observability.metrics import payment_event_applied
from joud.donations import fastpath
from joud.donations.messages import send_gift_card, send_thank_you
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.outcomes import ApplyResult, decide, held_payment_note
from joud.donations.services.cases import donation_case_funds_add
from joud.donations.services.provider_events import record_event
from joud.donations.services.refunds import chargeback_record, refund_event_check
from joud.ledger.services import ledger_post_donation
from joud.payments.base import EventType, ProviderEvent
from joud.payments.registry import get_provider

A = PaymentAttempt.State
D = Donation.State


def use_fastpath() -> bool:
    mode = getattr(settings, "JOUD_CONFIRMATION_SQL", "auto")
    return mode == "sql" or (mode == "auto" and connection.vendor == "postgresql")


def payment_event_apply(*, event: ProviderEvent) -> str:
    """Apply one verified provider event, exactly once. Returns what happened:
    ``confirm``/``hold``/``fail``/``pend``/``noop`` (applied or nothing to do), ``duplicate``
    (this event id was seen before), ``unknown`` (no such payment) or ``ignored``."""
    if event.outcome is not None:
        result = fastpath.apply_payment_event(event) if use_fastpath() else _apply_orm(event)
        after_result(result)
        return result.action
    if event.type == EventType.CHARGEBACK_OPENED:
        return chargeback_record(event=event)
    if event.type == EventType.REFUND_SUCCEEDED:
        return refund_event_check(event=event)
    with transaction.atomic():
        if not record_event(event):
            return "duplicate"
    return "ignored"


def payment_attempt_poll(*, attempt: PaymentAttempt) -> str:
    """Ask the gateway about an attempt; the answer goes through the same exactly-once path."""
    provider = get_provider(attempt.provider)
    if provider is None or attempt.state in (A.CONFIRMED, A.HELD, A.FAILED):
        return "noop"
    event = provider.poll(attempt)
    if event is None or event.outcome is None:
        return "noop"
    result = _apply_orm(event, source="return")
    after_result(result)
    return result.action


def donation_payment_check(*, donation: Donation) -> str:
    """The payer is back from the gateway: ask it about the gift's latest attempt while the gift
    is still pending, so the payer sees the result even if the webhook is late. It races the
    webhook safely (the same locked, exactly-once path)."""
    if donation.state != D.PENDING:
        return "noop"
    attempt = PaymentAttempt.unscoped.filter(donation=donation).order_by("-number").first()
    if attempt is None:
        return "noop"
    return payment_attempt_poll(attempt=attempt)


def _apply_orm(event: ProviderEvent, *, source: str = "webhook") -> ApplyResult:
    with transaction.atomic():
        if event.event_id and not record_event(event):
            return ApplyResult("duplicate")
        return apply_recorded_orm(event, source=source)


def apply_recorded_orm(event: ProviderEvent, *, source: str = "webhook") -> ApplyResult:
    """The decision and its rows for an event already recorded (or without an id), inside the
    caller's transaction. Mirrored in fastpath.SQL."""
    attempt = (
        PaymentAttempt.unscoped.select_for_update()
        .select_related("donation")
        .filter(reference=event.reference)
        .first()
    )
    if attempt is None:
        return ApplyResult("unknown")
    matches = event.amount == attempt.amount and event.currency == attempt.currency
    # The donation row is locked with the attempt (select_for_update over the join), so two
    # attempts of one gift paid at once are decided one after the other.
    paid = attempt.donation.confirmed_at is not None  # by this attempt or another one
    action = decide(attempt.state, event.outcome, matches, paid)
    if action == "noop":
        return ApplyResult(action, attempt.donation_id)
    donation = attempt.donation
    now = timezone.now()
    new_state = {"confirm": A.CONFIRMED, "hold": A.HELD, "fail": A.FAILED, "pend": A.PENDING}
    attempt.state = new_state[action]
    fields = ["state", "updated_at"]
    if action == "confirm":
        attempt.fee, attempt.confirmed_at = event.fee, now
        fields += ["fee", "confirmed_at"]
    elif action == "hold":
        attempt.review_note = held_payment_note(event)
        fields += ["review_note"]
    attempt.save(update_fields=fields)
    donation_state = {
        "confirm": (D.CONFIRMED, (D.PENDING, D.FAILED, D.HELD)),
        "hold": (D.HELD, (D.PENDING, D.FAILED)),
        "fail": (D.FAILED, (D.PENDING,)),
    }.get(action)
    if donation_state:
        updates = {"state": donation_state[0], "updated_at": now}
        if action == "confirm":
            updates["confirmed_at"] = now
        Donation.unscoped.filter(pk=donation.pk, state__in=donation_state[1]).update(**updates)
    if action == "confirm":
        ledger_post_donation(
            organization_id=attempt.organization_id,
            reference=attempt.reference,
            provider=attempt.provider,
            fund_account_id=donation.fund_account_id,
            amount=attempt.amount,
            admin_share=donation.admin_share_amount,
            fee=event.fee,
        )
    audit_log(
        action=f"joud.payment.{new_state[action]}",
        target=attempt,
        data=_audit_data(event, source),
    )
    return ApplyResult(
        action,
        donation.pk,
        donation.is_gift,
        bool(donation.donor_email or donation.donor_phone),
        donation.public_case_id,
    )


def _audit_data(event: ProviderEvent, source: str) -> dict:
    return {
        "source": source,
        "event": event.event_id,
        "amount": str(event.amount) if event.amount is not None else None,
        "currency": event.currency,
        "fee": str(event.fee),
    }


def after_result(result: ApplyResult) -> None:
    """Messages leave only after the confirmation committed (the statement autocommits).
    Anonymous, contactless gifts (most of a Ramadan-night burst) enqueue nothing."""
    payment_event_applied(result.action)  # both paths (fastpath's statement and _apply_orm)
    if result.action != "confirm":
        return
    if result.public_case_id:
        donation_case_funds_add(donation_id=result.donation_id)
    if result.is_gift:
        transaction.on_commit(lambda: send_gift_card.enqueue(result.donation_id))
    if result.has_contact:
        transaction.on_commit(lambda: send_thank_you.enqueue(result.donation_id))
