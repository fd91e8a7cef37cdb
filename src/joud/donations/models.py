"""Donations and everything that happens to their money: payment attempts, refunds, chargebacks.

A donation has many payment attempts and refunds, each with its own state (after pretix's
OrderPayment/OrderRefund); the donation's ``state`` follows from them and is kept up to date by
the services in the same transaction (``Donation.derived_state`` recomputes it from scratch).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.tenancy import OrganizationOwnedModel

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_donation_reference() -> str:
    """``JD-7F3K2Q``: short enough to read over the phone, unambiguous characters.

    Six characters give 32⁶ ≈ 1.07 billion references; ``donation_create`` retries the rare
    collision (at two million donations, one new reference in 500 collides).
    """
    return "JD-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Donation(OrganizationOwnedModel, TimeStampedModel):
    class Target(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        GENERAL = "general", _("General fund of the organization")
        ZAKAT = "zakat", _("Zakat fund")
        CASE = "case", _("Verified case")
        WAQF = "waqf", _("Endowment (waqf) principal")
        FITR = "fitr", _("Zakat al-Fitr")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Payment failed")
        HELD = "held_for_review", _("Held for review")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
        REFUNDED = "refunded", _("Refunded")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online, through a payment gateway")
        CASH = "cash", _("Offline: cash received by the organization")
        BANK_TRANSFER = "bank_transfer", _("Offline: bank transfer to the organization")

    OFFLINE_CHANNELS = (Channel.CASH, Channel.BANK_TRANSFER)

    reference = models.CharField(_("reference"), max_length=16, default=new_donation_reference)
    # How the money came: online through a gateway, or offline (received by the organization
    # itself and recorded from its list; no gateway was involved: see services/offline.py).
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=Channel.choices,
        default=Channel.ONLINE,
        db_default=Channel.ONLINE,  # rows written by raw SQL (the demo's bulk loads) too
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="donations",
        verbose_name=_("organization"),
    )
    target = models.CharField(_("given to"), max_length=12, choices=Target.choices)
    initiative = models.ForeignKey(
        "campaigns.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("initiative"),
    )
    public_case = models.ForeignKey(
        "beneficiaries.PublicCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("verified case"),
    )
    # Set, once, when the confirmed gift was added to the case's raised amount (exactly once).
    case_funds_added_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The ledger account the gift is credited to (initiative, case, general or zakat fund).
    fund_account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("donor"),
    )
    donor_name = models.CharField(_("your name"), max_length=150, blank=True)
    donor_email = models.EmailField(_("email"), blank=True)
    donor_phone = models.CharField(_("mobile number"), max_length=16, blank=True)
    is_anonymous = models.BooleanField(_("give anonymously"), default=False)
    display_name = models.CharField(_("name shown"), max_length=150, blank=True)
    dedication = models.CharField(_("dedication"), max_length=200, blank=True)
    is_gift = models.BooleanField(_("on behalf of someone"), default=False)
    gift_recipient_name = models.CharField(_("recipient's name"), max_length=150, blank=True)
    gift_recipient_phone = models.CharField(_("recipient's mobile"), max_length=16, blank=True)
    gift_recipient_email = models.EmailField(_("recipient's email"), blank=True)
    gift_language = models.CharField(
        _("card language"), max_length=2, choices=settings.LANGUAGES, default="ar"
    )
    language = models.CharField(max_length=2, default="ar")
    amount = MoneyField(_("amount"))
    currency = models.CharField(_("currency"), max_length=3, default="OMR")
    # Snapshot at the time of giving: the declared share (capped) and its amount.
    admin_share_percent = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    admin_share_amount = MoneyField(default=0)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )  # no index of its own (six values; the composites below serve the queries)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, db_index=True)
    refunded_amount = MoneyField(_("refunded"), default=0)
    access_token = models.CharField(max_length=40, default=new_token, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        indexes = [
            models.Index(fields=["organization", "confirmed_at"]),
            models.Index(fields=["initiative", "state"]),
        ]
        # A constraint, not ``unique=True``: the same unique b-tree without Django's extra
        # ``*_like`` pattern index, which every confirmation would write for nothing.
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="uniq_donation_reference")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def public_name(self) -> str:
        if self.is_anonymous:
            return str(_("A generous donor"))
        return self.display_name or self.donor_name or str(_("A generous donor"))

    @property
    def target_title(self) -> str:
        if self.initiative_id:
            return self.initiative.title
        if self.public_case_id:
            return self.public_case.title
        if self.target == self.Target.ZAKAT:
            return f"{_('Zakat fund')} · {self.organization.name}"
        if self.target == self.Target.WAQF:
            return f"{_('Endowment principal')} · {self.organization.name}"
        if self.target == self.Target.FITR:
            return f"{_('Zakat al-Fitr')} · {self.organization.name}"
        return f"{_('General fund')} · {self.organization.name}"

    def derived_state(self) -> str:
        """The state that follows from the attempts and refunds (the stored one must match)."""
        states = set(self.attempts.values_list("state", flat=True))
        if PaymentAttempt.State.CONFIRMED in states:
            if self.refunded_amount >= self.amount:
                return self.State.REFUNDED
            if self.refunded_amount > 0:
                return self.State.PARTIALLY_REFUNDED
            return self.State.CONFIRMED
        if PaymentAttempt.State.HELD in states:
            return self.State.HELD
        if states and states <= {PaymentAttempt.State.FAILED}:
            return self.State.FAILED
        return self.State.PENDING


class PaymentAttempt(OrganizationOwnedModel, TimeStampedModel):
    class State(models.TextChoices):
        CREATED = "created", _("Created")
        PENDING = "pending", _("Pending at the gateway")
        CONFIRMED = "confirmed", _("Confirmed")
        FAILED = "failed", _("Failed")
        HELD = "held_for_review", _("Held for review")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(default=1)
    reference = models.CharField(_("reference"), max_length=24)  # JD-7F3K2-P1; unique below
    provider = models.CharField(_("payment provider"), max_length=24)
    provider_reference = models.CharField(max_length=120, blank=True)
    amount = MoneyField(_("amount"))
    currency = models.CharField(max_length=3, default="OMR")
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.CREATED
    )
    fee = MoneyField(_("gateway fee"), default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # What the gateway reported when it did not match (amount/currency), for the reviewer.
    review_note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["donation", "number"]
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        constraints = [
            models.UniqueConstraint(fields=["donation", "number"], name="uniq_attempt_number"),
            models.UniqueConstraint(fields=["reference"], name="uniq_attempt_reference"),
        ]
        # Plain b-tree: no ``*_like`` pattern index (written by every confirmation, unused).
        indexes = [models.Index(fields=["provider_reference"], name="donations_attempt_provref")]

    def __str__(self) -> str:
        return self.reference


class Refund(OrganizationOwnedModel, TimeStampedModel):
    class State(models.TextChoices):
        CREATED = "created", _("Requested")
        DONE = "done", _("Refunded")
        FAILED = "failed", _("Failed")
        # The gateway refunded another amount than asked: the books hold what it did.
        HELD = "review", _("Held for review")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="refunds")
    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="refunds")
    number = models.PositiveSmallIntegerField(default=1)
    reference = models.CharField(_("reference"), max_length=24, unique=True)  # JD-7F3K2-R1
    amount = MoneyField(_("amount"))  # what the gateway refunded, once it said so
    # What the organization asked for, kept when the gateway refunded something else.
    requested_amount = MoneyField(_("amount asked"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default="created")
    provider_reference = models.CharField(max_length=120, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["donation", "number"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [
            models.UniqueConstraint(fields=["donation", "number"], name="uniq_refund_number")
        ]

    def __str__(self) -> str:
        return self.reference


class Chargeback(OrganizationOwnedModel, TimeStampedModel):
    """The card holder's bank took the money back; recorded as reported by the gateway."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        LOST = "lost", _("Lost: money returned to the card holder")
        WON = "won", _("Won")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="chargebacks")
    attempt = models.ForeignKey(
        PaymentAttempt, on_delete=models.PROTECT, related_name="chargebacks"
    )
    provider = models.CharField(max_length=24)
    provider_reference = models.CharField(max_length=120)
    amount = MoneyField(_("amount"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="open")
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("chargeback")
        verbose_name_plural = _("chargebacks")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"], name="uniq_chargeback_ref"
            )
        ]

    def __str__(self) -> str:
        return f"{self.donation_id} chargeback {self.amount}"


class RecurringPlan(OrganizationOwnedModel, TimeStampedModel):
    """Giving on a schedule. Each due date is charged at most once (``RecurringCharge`` is unique
    per plan and date), however often or late the scheduler runs."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")
        FRIDAY = "friday", _("Every Friday")
        TEN_NIGHTS = "ten_nights", _("The last ten nights of Ramadan")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CANCELLED = "cancelled", _("Cancelled")
        FINISHED = "finished", _("Finished")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="recurring_plans"
    )
    target = models.CharField(max_length=12, choices=Donation.Target.choices)
    initiative = models.ForeignKey(
        "campaigns.Initiative", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recurring_plans",
    )
    donor_name = models.CharField(max_length=150, blank=True)
    donor_email = models.EmailField(blank=True)
    donor_phone = models.CharField(max_length=16, blank=True)
    is_anonymous = models.BooleanField(default=False)
    language = models.CharField(max_length=2, default="ar")
    amount = MoneyField(_("amount"))
    currency = models.CharField(max_length=3, default="OMR")
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.ACTIVE, db_index=True
    )
    # For the ten-nights plan: the Hijri year whose Ramadan it covers.
    hijri_year = models.PositiveSmallIntegerField(null=True, blank=True)
    next_charge_on = models.DateField(_("next charge"), null=True, blank=True, db_index=True)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    # The card a gateway saved at the plan's first paid charge (Stripe: customer and payment
    # method ids, never card data), charged off-session after; empty: a pay link each time.
    saved_provider = models.CharField(max_length=24, blank=True, editable=False)
    saved_customer = models.CharField(max_length=120, blank=True, editable=False)
    saved_method = models.CharField(max_length=120, blank=True, editable=False)

    class Meta:
        verbose_name = _("recurring plan")
        verbose_name_plural = _("recurring plans")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} {self.amount}"


class RecurringCharge(OrganizationOwnedModel):
    class State(models.TextChoices):
        STARTED = "started", _("Charging")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(RecurringPlan, on_delete=models.PROTECT, related_name="charges")
    due_on = models.DateField()
    donation = models.OneToOneField(
        Donation, on_delete=models.PROTECT, null=True, blank=True, related_name="recurring_charge"
    )
    tries = models.PositiveSmallIntegerField(default=0)
    state = models.CharField(max_length=8, choices=State.choices, default=State.STARTED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["plan", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "due_on"], name="uniq_recurring_charge_date")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} @ {self.due_on}"
