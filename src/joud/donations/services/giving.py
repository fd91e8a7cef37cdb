"""Starting a gift: the donation (what, to whom, how much) and a payment attempt at the gateway."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import format_money, max_donation, quantize
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.services.cases import open_case
from joud.ledger import accounts
from joud.ledger.models import Account
from joud.payments.registry import default_provider

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
    show_name: bool = False,
    dedication: str = "",
    gift_recipient_name: str = "",
    gift_recipient_phone: str = "",
    gift_recipient_email: str = "",
    gift_language: str = "ar",
    language: str = "ar",
    currency: str = "OMR",
    waqf_account: Account | None = None,
    whole_to_cause: bool = False,
) -> Donation:
    """A gift waiting for its payment. ``waqf_account``: for an endowment (``target="waqf"``),
    the principal account the gift joins (``joud.endowments`` gives through here).
    ``whole_to_cause``: no administration share is taken, whatever the initiative declares (an
    expiation is a fixed number of meals: every baisa of it must buy them)."""
    amount = quantize(amount, currency)
    if amount < minimum_amount():
        raise BusinessError(
            _("The smallest gift is %(minimum)s rials.") % {"minimum": minimum_amount()},
            code="amount",
            field="amount",
        )
    if amount > max_donation():
        raise BusinessError(
            _("The largest amount accepted is %(maximum)s.")
            % {"maximum": format_money(max_donation(), currency)},
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
        public_case = open_case(public_case, organization)
        fund = accounts.case_account(public_case)
    elif target == Donation.Target.ZAKAT:
        initiative = None
        fund = accounts.organization_account(organization, Account.Kind.ZAKAT)
    elif target == Donation.Target.GENERAL:
        initiative = None
        fund = accounts.organization_account(organization, Account.Kind.GENERAL)
    elif target == Donation.Target.WAQF:
        initiative = None
        if (
            waqf_account is None
            or waqf_account.kind != Account.Kind.WAQF_PRINCIPAL
            or waqf_account.organization_id != organization.pk
        ):
            raise BusinessError(_("Choose an endowment."), code="target")
        fund = waqf_account
    elif target == Donation.Target.FITR:
        # Zakat al-fitr (``joud.obligations`` gives through here, the amount persons x rate).
        initiative = None
        fund = accounts.fitr_account(organization)
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
    percent, share = (
        (Decimal("0.00"), Decimal("0.000"))
        if whole_to_cause
        else admin_share_for(initiative, amount)
    )
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
        # Shown publicly only with the donor's consent to it (``show_name``: a positive act).
        display_name=donor_name.strip() if show_name and not is_anonymous else "",
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
def payment_attempt_start(
    *, donation: Donation, return_url: str, provider=None, save_method: bool = False
) -> tuple:
    """Open a new attempt (JD-7F3K2-P<n>) and the provider's hosted checkout.

    ``save_method``: a recurring plan's charge; a provider that can keeps the payer's card for
    the plan's next charges (``attempt.save_payment_method``, read by the provider).

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
    attempt.save_payment_method = save_method
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
