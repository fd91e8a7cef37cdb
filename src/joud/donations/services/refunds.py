"""Money going back: refunds the organization makes, chargebacks the card holder's bank makes.

Both reverse the gift in the ledger, with the administration share that comes back with it and
the gateway fee on the reversed part (gateways keep it). Restricted funds never go negative
(the rule is written in ``joud/ledger/services/reversals.py``):

- the fee on a reversed gift is borne by the organization's general fund, not the restricted
  fund; money the restricted fund already spent is given back by the general fund;
- a refund (the staff's choice) that the general fund cannot cover is refused before the gateway
  is asked, with the amount missing, and nothing is posted;
- a chargeback (the bank's decision) is always posted: what the general fund cannot cover is
  booked as owed by the organization, shown to its finance staff.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.donations.messages import send_refund_notice
from joud.donations.models import Chargeback, Donation, PaymentAttempt, Refund
from joud.donations.services.provider_events import record_event
from joud.ledger.models import Transaction
from joud.ledger.services import ledger_check_reversal, ledger_post_reversal
from joud.payments.base import ProviderEvent, RefundResult
from joud.payments.registry import get_provider

A = PaymentAttempt.State
D = Donation.State


def _next_refund_number(donation: Donation) -> int:
    last = (
        Refund.unscoped.filter(donation=donation)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def _confirmed_attempt(donation: Donation) -> PaymentAttempt:
    attempt = PaymentAttempt.unscoped.filter(donation=donation, state=A.CONFIRMED).first()
    if attempt is None:
        raise BusinessError(_("Only a paid donation can be refunded."), code="not_paid")
    return attempt


def _part(total: Decimal, donation: Donation, amount: Decimal, closes: bool) -> Decimal:
    """The part of ``total`` (taken on the whole gift) that goes with reversing ``amount``.

    Cumulative, so that the parts of successive partial reversals add up to exactly ``total``
    when the gift is closed (no baisa lost or gained to rounding)."""
    before = quantize(total * donation.refunded_amount / donation.amount)
    if closes:
        return total - before
    return quantize(total * (donation.refunded_amount + amount) / donation.amount) - before


def _reversal_shares(
    donation: Donation, attempt: PaymentAttempt, amount: Decimal
) -> tuple[Decimal, Decimal, bool]:
    """The administration share that comes back with ``amount``, the gateway fee on it, and
    whether this closes the gift."""
    closes = donation.refunded_amount + amount >= donation.amount
    return (
        _part(donation.admin_share_amount, donation, amount, closes),
        _part(attempt.fee, donation, amount, closes),
        closes,
    )


def donation_refund(
    *, donation: Donation, amount: Decimal | None = None, reason: str = "", actor=None
) -> Refund:
    """Refund all or part of a paid donation through its provider; post it to the ledger."""
    with transaction.atomic():
        donation = Donation.unscoped.select_for_update().get(pk=donation.pk)
        if donation.channel in Donation.OFFLINE_CHANNELS:
            raise BusinessError(
                _(
                    "This gift was received offline, not through a payment gateway: no "
                    "gateway can return it."
                ),
                code="offline",
            )
        attempt = _confirmed_attempt(donation)
        remaining = donation.amount - donation.refunded_amount
        amount = remaining if amount is None else quantize(amount)
        if amount <= 0 or amount > remaining:
            raise BusinessError(
                _("A refund must be more than zero and at most %(remaining)s rials.")
                % {"remaining": remaining},
                code="amount",
            )
        share_back, fee_back, _closes = _reversal_shares(donation, attempt, amount)
        ledger_check_reversal(  # refused here, before the gateway pays anything back
            organization_id=donation.organization_id,
            fund_account_id=donation.fund_account_id,
            amount=amount,
            admin_share_back=share_back,
            fee_back=fee_back,
        )
        number = _next_refund_number(donation)
        refund = Refund.objects.create(
            organization_id=donation.organization_id,
            donation=donation,
            attempt=attempt,
            number=number,
            reference=f"{donation.reference}-R{number}",
            amount=amount,
            reason=reason[:200],
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
    provider = get_provider(attempt.provider)
    result = provider.refund(refund) if provider else None
    if result is None or result.status == "failed":
        with transaction.atomic():
            Refund.unscoped.filter(pk=refund.pk).update(state=Refund.State.FAILED)
            audit_log(
                action="joud.refund.failed",
                actor=actor,
                target=refund,
                data={"message": result.message if result else "no provider"},
            )
        raise BusinessError(
            _("The payment gateway refused the refund: %(message)s")
            % {"message": result.message if result else "-"},
            code="refund_failed",
        )
    with transaction.atomic():
        donation = Donation.unscoped.select_for_update().get(pk=donation.pk)
        asked = amount
        amount, note = _what_the_gateway_refunded(result, asked, donation)
        held = bool(note)
        if amount <= 0:
            _hold(refund, asked=asked, refunded=amount, note=note, actor=actor)
            refund.refresh_from_db()
            return refund
        share_back, fee_back, closes = _reversal_shares(donation, attempt, amount)
        # The gateway has paid the donor: if the funds changed since the check, what the general
        # fund cannot cover now is owed, as for a chargeback (the restricted fund stays >= 0).
        ledger_post_reversal(
            kind=Transaction.Kind.REFUND,
            organization_id=donation.organization_id,
            reference=refund.reference,
            provider=attempt.provider,
            fund_account_id=donation.fund_account_id,
            amount=amount,
            admin_share_back=share_back,
            fee_back=fee_back,
            closes_donation=closes,
            may_owe=True,
        )
        Refund.unscoped.filter(pk=refund.pk).update(
            state=Refund.State.HELD if held else Refund.State.DONE,
            amount=amount,
            requested_amount=asked,
            provider_reference=result.provider_reference,
            done_at=timezone.now(),
        )
        Donation.unscoped.filter(pk=donation.pk).update(
            refunded_amount=F("refunded_amount") + amount,
            state=D.REFUNDED if closes else D.PARTIALLY_REFUNDED,
            updated_at=timezone.now(),
        )
        if held:
            _hold(refund, asked=asked, refunded=amount, note=note, actor=actor)
        else:
            audit_log(
                action="joud.refund.done",
                actor=actor,
                target=refund,
                data={"amount": amount, "reason": reason, "donation": donation.reference},
            )
            transaction.on_commit(lambda: send_refund_notice.enqueue(refund.pk))
    refund.refresh_from_db()
    return refund


def _what_the_gateway_refunded(
    result: RefundResult, asked: Decimal, donation: Donation
) -> tuple[Decimal, str]:
    """The amount to book (what the gateway says it refunded, within what is left of the gift)
    and, when it is not what was asked, why the refund is held for review ("" when it is)."""
    if result.amount is None:
        # Booked as asked (the gateway did take the request) but a person must check it.
        return asked, "the gateway did not say how much it refunded"
    refunded = quantize(result.amount, donation.currency)
    remaining = donation.amount - donation.refunded_amount
    if refunded > remaining:
        return remaining, f"the gateway refunded {refunded}, more than the {remaining} left"
    if refunded != asked:
        return refunded, f"asked {asked}, the gateway refunded {refunded}"
    return refunded, ""


def _hold(refund: Refund, *, asked: Decimal, refunded: Decimal, note: str, actor=None) -> None:
    """A refund whose amount differs from the one asked waits for a person (finance staff)."""
    Refund.unscoped.filter(pk=refund.pk).update(
        state=Refund.State.HELD, requested_amount=asked, amount=max(refunded, Decimal(0))
    )
    audit_log(
        action="joud.refund.held",
        actor=actor,
        target=refund,
        data={"asked": asked, "refunded": refunded, "note": note[:200]},
    )


def refund_event_check(*, event: ProviderEvent, recorded: bool = False) -> str:
    """A gateway's notice about one refund (per refund object, never a cumulative total):
    recorded once; when the amount it gives differs from what the books hold for that refund,
    the refund is held for review. Nothing is posted from a notice: the refund was booked when
    the gateway answered the request. Returns ``duplicate``/``unknown``/``match``/``held``.
    ``recorded``: the event is already stored (accepted by the webhook, applied by the consumer)."""
    with transaction.atomic():
        if event.event_id and not recorded and not record_event(event):
            return "duplicate"
        ours = event.data.get("refund") or ""
        refund = (
            Refund.unscoped.select_for_update()
            .filter(Q(reference=ours) if ours else Q(provider_reference=event.provider_reference))
            .first()
            if ours or event.provider_reference
            else None
        )
        if refund is None or event.amount is None:
            return "unknown"
        if refund.state == Refund.State.DONE and quantize(event.amount) != refund.amount:
            _hold(
                refund,
                asked=refund.requested_amount or refund.amount,
                refunded=refund.amount,
                note=f"the gateway's notice says {quantize(event.amount)} was refunded",
            )
            return "held"
        return "match" if quantize(event.amount) == refund.amount else "held"


def chargeback_record(*, event: ProviderEvent, recorded: bool = False) -> str:
    """The gateway says the card holder's bank took money back: record it, reverse in the ledger.
    ``recorded``: the event is already stored (accepted by the webhook, applied by the consumer)."""
    with transaction.atomic():
        if event.event_id and not recorded and not record_event(event):
            return "duplicate"
        attempt = (
            PaymentAttempt.unscoped.select_for_update()
            .filter(reference=event.reference, state=A.CONFIRMED)
            .first()
        )
        if attempt is None:
            return "unknown"
        donation = Donation.unscoped.select_for_update().get(pk=attempt.donation_id)
        remaining = donation.amount - donation.refunded_amount
        amount = min(quantize(event.amount or remaining), remaining)
        if amount <= 0:
            return "noop"
        chargeback, created = Chargeback.unscoped.get_or_create(
            provider=event.provider,
            provider_reference=event.provider_reference or event.event_id,
            defaults={
                "organization_id": donation.organization_id,
                "donation": donation,
                "attempt": attempt,
                "amount": amount,
                "state": Chargeback.State.LOST,
            },
        )
        if not created:
            return "noop"
        share_back, fee_back, closes = _reversal_shares(donation, attempt, amount)
        ledger_post_reversal(  # not optional: what the general fund cannot cover is owed
            kind=Transaction.Kind.CHARGEBACK,
            organization_id=donation.organization_id,
            reference=f"{donation.reference}-C{chargeback.pk}",
            provider=attempt.provider,
            fund_account_id=donation.fund_account_id,
            amount=amount,
            admin_share_back=share_back,
            fee_back=fee_back,
            closes_donation=closes,
            may_owe=True,
        )
        Donation.unscoped.filter(pk=donation.pk).update(
            refunded_amount=F("refunded_amount") + amount,
            state=D.REFUNDED if closes else D.PARTIALLY_REFUNDED,
            updated_at=timezone.now(),
        )
        audit_log(
            action="joud.chargeback.recorded",
            target=chargeback,
            data={"amount": amount, "donation": donation.reference},
        )
        return "chargeback"
