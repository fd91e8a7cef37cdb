"""Giving: creating donations, applying what gateways report (exactly once), refunds, chargebacks.

Confirmation is idempotent and race-safe (after pretix ``OrderPayment.confirm``): the payment
attempt row is locked, its state re-read, and nothing happens if it is already settled. The
webhook, the return page and every retry race through the same lock. On PostgreSQL the webhook
path runs as ONE SQL statement (``fastpath.py``) that does exactly what ``_apply_orm`` does.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.donations.models import Chargeback, Donation, PaymentAttempt, Refund
from joud.ledger import accounts
from joud.ledger.models import Account, Transaction
from joud.ledger.services import ledger_post_donation, ledger_post_reversal
from joud.payments.base import EventType, ProviderEvent
from joud.payments.registry import default_provider, get_provider

logger = logging.getLogger(__name__)

A = PaymentAttempt.State
D = Donation.State


def minimum_amount() -> Decimal:
    return quantize(getattr(settings, "JOUD_MIN_DONATION", "0.500"))


def admin_share_for(initiative, amount: Decimal) -> tuple[Decimal, Decimal]:
    """(percent, amount) the organization keeps for administration: declared, capped (2%)."""
    if initiative is None:
        return Decimal("0.00"), Decimal("0.000")
    cap = Decimal(str(getattr(settings, "JOUD_ADMIN_SHARE_CAP", "2.00")))
    percent = min(Decimal(initiative.admin_share_percent or 0), cap)
    return percent, quantize(amount * percent / 100)


@transaction.atomic
def donation_create(
    *,
    organization,
    target: str,
    amount: Decimal,
    initiative=None,
    public_case=None,
    donor=None,
    donor_name: str = "",
    donor_email: str = "",
    donor_phone: str = "",
    is_anonymous: bool = False,
    dedication: str = "",
    gift_recipient_name: str = "",
    gift_recipient_phone: str = "",
    gift_recipient_email: str = "",
    gift_language: str = "ar",
    language: str = "ar",
    currency: str = "OMR",
) -> Donation:
    amount = quantize(amount, currency)
    if amount < minimum_amount():
        raise BusinessError(
            _("The smallest gift is %(minimum)s rials.") % {"minimum": minimum_amount()},
            code="amount",
            field="amount",
        )
    if not organization.is_licensed:
        raise BusinessError(_("This organization cannot receive donations now."), code="closed")
    if target == Donation.Target.INITIATIVE:
        if initiative is None or initiative.organization_id != organization.pk:
            raise BusinessError(_("Choose an initiative."), code="target")
        if not initiative.accepts_donations:
            raise BusinessError(
                _("This initiative is not collecting donations now."), code="closed"
            )
        fund = accounts.initiative_account(initiative)
    elif target == Donation.Target.CASE:
        initiative = None
        public_case = _open_case(public_case, organization)
        fund = accounts.case_account(public_case)
    elif target == Donation.Target.ZAKAT:
        initiative = None
        fund = accounts.organization_account(organization, Account.Kind.ZAKAT)
    elif target == Donation.Target.GENERAL:
        initiative = None
        fund = accounts.organization_account(organization, Account.Kind.GENERAL)
    else:
        raise BusinessError(_("Choose what to give to."), code="target")
    if target != Donation.Target.CASE:
        public_case = None
    is_gift = bool(gift_recipient_name and (gift_recipient_phone or gift_recipient_email))
    if gift_recipient_name and not is_gift:
        raise BusinessError(
            _("Give the recipient's mobile number or email so we can send the card."),
            code="gift",
            field="gift_recipient_phone",
        )
    # Every account the confirmation will post to exists before the payer pays: the hot path
    # then only inserts.
    accounts.organization_account(organization, Account.Kind.ADMIN)
    accounts.fees_account()
    percent, share = admin_share_for(initiative, amount)
    if donor is not None and getattr(donor, "is_authenticated", False):
        donor_name = donor_name or donor.full_name
        donor_email = donor_email or (donor.email or "")
        donor_phone = donor_phone or (donor.phone or "")
    else:
        donor = None
    fields = dict(
        organization=organization,
        target=target,
        initiative=initiative,
        public_case=public_case,
        fund_account=fund,
        donor=donor,
        donor_name=donor_name.strip(),
        donor_email=donor_email.strip(),
        donor_phone=donor_phone.strip(),
        is_anonymous=is_anonymous,
        display_name="" if is_anonymous else donor_name.strip(),
        dedication=dedication.strip(),
        is_gift=is_gift,
        gift_recipient_name=gift_recipient_name.strip(),
        gift_recipient_phone=gift_recipient_phone.strip(),
        gift_recipient_email=gift_recipient_email.strip(),
        gift_language=gift_language if gift_language in ("ar", "en") else "ar",
        language=language if language in ("ar", "en") else "ar",
        amount=amount,
        currency=currency,
        admin_share_percent=percent,
        admin_share_amount=share,
    )
    donation = _create_with_unique_reference(fields)
    audit_log(
        action="joud.donation.created",
        actor=donor,
        target=donation,
        data={"amount": amount, "target": target, "initiative": initiative},
    )
    return donation


def case_is_open(public_case) -> bool:
    from joud.beneficiaries.models import PublicCase

    return public_case.status == PublicCase.Status.PUBLISHED


def case_amount_left(public_case) -> Decimal:
    return max(Decimal("0.000"), quantize(public_case.amount_needed - public_case.amount_raised))


def _open_case(public_case, organization):
    """The verified case, re-read fresh; refused once funded or closed."""
    from joud.beneficiaries.models import PublicCase

    if public_case is None or public_case.organization_id != organization.pk:
        raise BusinessError(_("Choose a case."), code="target")
    public_case = PublicCase.unscoped.get(pk=public_case.pk)
    if not case_is_open(public_case):
        raise BusinessError(
            _("This case is fully funded or closed and no longer accepts gifts. Thank you."),
            code="closed",
        )
    return public_case


def _create_with_unique_reference(fields: dict) -> Donation:
    """Insert the donation; on the rare reference collision draw a new one (savepoint)."""
    for _attempt in range(7):
        try:
            with transaction.atomic():
                # The field's default draws a fresh reference on every try.
                return Donation.objects.create(**fields)
        except IntegrityError as exc:
            if "reference" not in str(exc):
                raise
    raise RuntimeError("could not draw a unique donation reference")


@transaction.atomic
def payment_attempt_start(*, donation: Donation, return_url: str, provider=None) -> tuple:
    """Open a new attempt (JD-7F3K2-P<n>) and the provider's hosted checkout.

    Returns ``(attempt, redirect_url)``.
    """
    provider = provider or default_provider()
    donation = Donation.unscoped.select_for_update().get(pk=donation.pk)
    if donation.state not in (D.PENDING, D.FAILED):
        raise BusinessError(_("This donation is already paid."), code="paid")
    number = _next_attempt_number(donation)
    attempt = PaymentAttempt.objects.create(
        organization_id=donation.organization_id,
        donation=donation,
        number=number,
        reference=f"{donation.reference}-P{number}",
        provider=provider.identifier,
        amount=donation.amount,
        currency=donation.currency,
    )
    accounts.clearing_account(provider.identifier)
    url = provider.start_payment(attempt, return_url=return_url)
    attempt.save(update_fields=["provider_reference", "updated_at"])
    if donation.state == D.FAILED:
        Donation.unscoped.filter(pk=donation.pk).update(state=D.PENDING)
    audit_log(
        action="joud.payment.started",
        target=attempt,
        data={"provider": provider.identifier, "amount": attempt.amount},
    )
    return attempt, url


def _next_attempt_number(donation: Donation) -> int:
    last = (
        PaymentAttempt.unscoped.filter(donation=donation)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


# --- applying gateway results -------------------------------------------------------------


def decide(attempt_state: str, outcome: str, matches: bool) -> str:
    """What a gateway outcome does to an attempt in ``attempt_state``.

    ``confirm`` / ``hold`` / ``fail`` / ``pend`` / ``noop``. A settled attempt (confirmed or held)
    never changes again; a late "pending" never undoes anything. Mirrored in fastpath.SQL.
    """
    if attempt_state in (A.CONFIRMED, A.HELD):
        return "noop"
    if outcome == "succeeded":
        return "confirm" if matches else "hold"
    if outcome == "failed" and attempt_state in (A.CREATED, A.PENDING):
        return "fail"
    if outcome == "pending" and attempt_state == A.CREATED:
        return "pend"
    return "noop"


def use_fastpath() -> bool:
    mode = getattr(settings, "JOUD_CONFIRMATION_SQL", "auto")
    return mode == "sql" or (mode == "auto" and connection.vendor == "postgresql")


def payment_event_apply(*, event: ProviderEvent) -> str:
    """Apply one verified provider event, exactly once. Returns what happened:
    ``confirm``/``hold``/``fail``/``pend``/``noop`` (applied or nothing to do), ``duplicate``
    (this event id was seen before), ``unknown`` (no such payment) or ``ignored``."""
    if event.outcome is not None:
        if use_fastpath():
            from joud.donations import fastpath

            result = fastpath.apply_payment_event(event)
        else:
            result = _apply_orm(event)
        _after_result(result)
        return result.action
    if event.type == EventType.CHARGEBACK_OPENED:
        return chargeback_record(event=event)
    with transaction.atomic():
        if not _record_event(event):
            return "duplicate"
    return "ignored"


def payment_attempt_poll(*, attempt: PaymentAttempt) -> str:
    """The return page asks the gateway; the answer goes through the same exactly-once path."""
    provider = get_provider(attempt.provider)
    if provider is None or attempt.state in (A.CONFIRMED, A.HELD, A.FAILED):
        return "noop"
    event = provider.poll(attempt)
    if event is None or event.outcome is None:
        return "noop"
    result = _apply_orm(event, source="return")
    _after_result(result)
    return result.action


class ApplyResult:
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


def _record_event(event: ProviderEvent) -> bool:
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


def _apply_orm(event: ProviderEvent, *, source: str = "webhook") -> ApplyResult:
    with transaction.atomic():
        if event.event_id and not _record_event(event):
            return ApplyResult("duplicate")
        attempt = (
            PaymentAttempt.unscoped.select_for_update()
            .select_related("donation")
            .filter(reference=event.reference)
            .first()
        )
        if attempt is None:
            return ApplyResult("unknown")
        matches = event.amount == attempt.amount and event.currency == attempt.currency
        action = decide(attempt.state, event.outcome, matches)
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
            attempt.review_note = _review_note(event)
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


def _review_note(event: ProviderEvent) -> str:
    return f"gateway reported {event.amount} {event.currency}"[:200]


def _audit_data(event: ProviderEvent, source: str) -> dict:
    return {
        "source": source,
        "event": event.event_id,
        "amount": str(event.amount) if event.amount is not None else None,
        "currency": event.currency,
        "fee": str(event.fee),
    }


def _after_result(result: ApplyResult) -> None:
    """Messages leave only after the confirmation committed (the statement autocommits).
    Anonymous, contactless gifts (most of a Ramadan-night burst) enqueue nothing."""
    if result.action != "confirm":
        return
    if result.public_case_id:
        donation_case_funds_add(donation_id=result.donation_id)
    from joud.donations.tasks import send_gift_card, send_thank_you

    if result.is_gift:
        transaction.on_commit(lambda: send_gift_card.enqueue(result.donation_id))
    if result.has_contact:
        transaction.on_commit(lambda: send_thank_you.enqueue(result.donation_id))


def donation_case_funds_add(*, donation_id: int) -> bool:
    """Add a confirmed gift to its verified case's raised amount, exactly once per donation.

    Runs after the confirmation (outside the one-statement hot path). The conditional update of
    ``case_funds_added_at`` is the guard: however many calls race here (webhook retries, the
    return page, two paid attempts), only one sees the row change. If the case closed between
    the gift and its payment, the money stays in the case's restricted fund and the surplus is
    handled as the case declared; the audit log says so.
    """
    from joud.beneficiaries.services import public_case_add_funds

    with transaction.atomic():
        claimed = Donation.unscoped.filter(
            pk=donation_id,
            public_case__isnull=False,
            case_funds_added_at__isnull=True,
            state__in=(D.CONFIRMED, D.PARTIALLY_REFUNDED, D.REFUNDED),
        ).update(case_funds_added_at=timezone.now())
        if not claimed:
            return False
        donation = Donation.unscoped.select_related("public_case").get(pk=donation_id)
        try:
            with transaction.atomic():
                public_case_add_funds(public_case=donation.public_case, amount=donation.amount)
        except BusinessError:
            audit_log(
                action="joud.donation.case_closed_before_payment",
                target=donation,
                data={"amount": donation.amount, "case": donation.public_case.code},
            )
        return True


# --- refunds and chargebacks -------------------------------------------------------------


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


def _reversal_shares(donation: Donation, amount: Decimal) -> tuple[Decimal, bool]:
    """The administration share that comes back with ``amount``, and whether this closes it."""
    closes = donation.refunded_amount + amount >= donation.amount
    if closes:
        already = quantize(donation.admin_share_amount * donation.refunded_amount / donation.amount)
        return donation.admin_share_amount - already, True
    return quantize(donation.admin_share_amount * amount / donation.amount), False


def donation_refund(
    *, donation: Donation, amount: Decimal | None = None, reason: str = "", actor=None
) -> Refund:
    """Refund all or part of a paid donation through its provider; post it to the ledger."""
    with transaction.atomic():
        donation = Donation.unscoped.select_for_update().get(pk=donation.pk)
        attempt = _confirmed_attempt(donation)
        remaining = donation.amount - donation.refunded_amount
        amount = remaining if amount is None else quantize(amount)
        if amount <= 0 or amount > remaining:
            raise BusinessError(
                _("A refund must be more than zero and at most %(remaining)s rials.")
                % {"remaining": remaining},
                code="amount",
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
        share_back, closes = _reversal_shares(donation, amount)
        ledger_post_reversal(
            kind=Transaction.Kind.REFUND,
            organization_id=donation.organization_id,
            reference=refund.reference,
            provider=attempt.provider,
            fund_account_id=donation.fund_account_id,
            amount=amount,
            admin_share_back=share_back,
            closes_donation=closes,
        )
        Refund.unscoped.filter(pk=refund.pk).update(
            state=Refund.State.DONE,
            provider_reference=result.provider_reference,
            done_at=timezone.now(),
        )
        Donation.unscoped.filter(pk=donation.pk).update(
            refunded_amount=F("refunded_amount") + amount,
            state=D.REFUNDED if closes else D.PARTIALLY_REFUNDED,
            updated_at=timezone.now(),
        )
        audit_log(
            action="joud.refund.done",
            actor=actor,
            target=refund,
            data={"amount": amount, "reason": reason, "donation": donation.reference},
        )
        from joud.donations.tasks import send_refund_notice

        transaction.on_commit(lambda: send_refund_notice.enqueue(refund.pk))
    refund.refresh_from_db()
    return refund


def chargeback_record(*, event: ProviderEvent) -> str:
    """The gateway says the card holder's bank took money back: record it, reverse in the ledger."""
    with transaction.atomic():
        if event.event_id and not _record_event(event):
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
        share_back, closes = _reversal_shares(donation, amount)
        ledger_post_reversal(
            kind=Transaction.Kind.CHARGEBACK,
            organization_id=donation.organization_id,
            reference=f"{donation.reference}-C{chargeback.pk}",
            provider=attempt.provider,
            fund_account_id=donation.fund_account_id,
            amount=amount,
            admin_share_back=share_back,
            closes_donation=closes,
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
