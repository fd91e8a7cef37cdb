"""Recurring giving: daily, weekly, monthly, every Friday, and Ramadan's last ten nights.

The scheduler (``recurring_charge_due``, a periodic task) walks every active plan whose next
charge date has come and charges each due date ONCE: a ``RecurringCharge`` row per (plan, date)
is claimed under a unique constraint before anything is charged, so a second scheduler, a retry
or a late run never charges the same night twice. Charging goes through the provider: a saved
payment method where the provider has one (Stripe: the card kept at the plan's first Checkout,
charged off-session; the sandbox simulates it), otherwise a pay link by SMS/email (Thawani's
saved-card charges ask the cardholder for a one-time code each time, so a pay link it is).
Confirmation then takes the usual exactly-once webhook path.

The donor pauses, resumes or cancels from a signed link (``plan.token``) without signing in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.dates import last_ten_nights, to_hijri
from joud.core.errors import BusinessError
from joud.core.money import format_money, quantize
from joud.core.notify import Event, Recipient, notify
from joud.donations.models import Donation, RecurringCharge, RecurringPlan
from joud.donations.notifications import (
    PLAN_CHARGE_REFUSED,
    PLAN_CHARGE_RETRIED,
    PLAN_MOVED,
    PLAN_PAY_LINK,
)
from joud.donations.selectors import paid_plan_attempts
from joud.donations.services import (
    donation_create,
    minimum_amount,
    payment_attempt_poll,
    payment_attempt_start,
)
from joud.payments.registry import default_provider
from joud.privacy.models import Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_active

logger = logging.getLogger(__name__)
Frequency = RecurringPlan.Frequency
MAX_TRIES = 3


def _add_month(day: dt.date, anchor_day: int) -> dt.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def ten_nights_for(today: dt.date) -> tuple[int, list[dt.date]]:
    """The Ramadan whose last ten nights are still ahead (or under way) on ``today``."""
    year = to_hijri(today)[0]
    for candidate in (year, year + 1):
        nights = last_ten_nights(candidate)
        if nights[-1] >= today:
            return candidate, nights
    raise AssertionError("unreachable")


def next_due(plan: RecurringPlan, after: dt.date) -> dt.date | None:
    """The first due date strictly after ``after`` (None when the plan is over)."""
    if plan.frequency == Frequency.DAILY:
        return after + dt.timedelta(days=1)
    if plan.frequency == Frequency.WEEKLY:
        return after + dt.timedelta(days=7)
    if plan.frequency == Frequency.FRIDAY:
        return after + dt.timedelta(days=(4 - after.weekday()) % 7 or 7)
    if plan.frequency == Frequency.MONTHLY:
        return _add_month(after, plan.created_at.day if plan.created_at else after.day)
    if plan.frequency == Frequency.TEN_NIGHTS:
        return next((n for n in last_ten_nights(plan.hijri_year) if n > after), None)
    raise ValueError(plan.frequency)


def first_due(frequency: str, today: dt.date) -> tuple[dt.date, int | None]:
    if frequency == Frequency.FRIDAY:
        return today + dt.timedelta(days=(4 - today.weekday()) % 7), None
    if frequency == Frequency.TEN_NIGHTS:
        year, nights = ten_nights_for(today)
        return next(n for n in nights if n >= today), year
    return today, None


@transaction.atomic
def recurring_plan_create(
    *,
    organization,
    target: str,
    amount: Decimal,
    frequency: str,
    initiative=None,
    donor=None,
    donor_name: str = "",
    donor_email: str = "",
    donor_phone: str = "",
    is_anonymous: bool = False,
    language: str = "ar",
    today: dt.date | None = None,
) -> RecurringPlan:
    amount = quantize(amount)
    if donor is not None and not getattr(donor, "is_authenticated", False):
        donor = None
    if frequency not in Frequency.values:
        raise BusinessError(_("Choose how often to give."), code="frequency")
    if amount < minimum_amount():
        raise BusinessError(
            _("The smallest gift is %(minimum)s rials.") % {"minimum": minimum_amount()},
            code="amount",
        )
    if not (donor_email or donor_phone or (donor and (donor.email or donor.phone))):
        raise BusinessError(
            _("Give a mobile number or an email: we tell you about each charge."),
            code="contact",
            field="donor_phone",
        )
    today = today or timezone.localdate()
    due, hijri_year = first_due(frequency, today)
    plan = RecurringPlan.objects.create(
        organization=organization,
        target=target,
        initiative=initiative,
        donor=donor,
        donor_name=donor_name or (donor.full_name if donor else ""),
        donor_email=donor_email or (donor.email if donor and donor.email else ""),
        donor_phone=donor_phone or (donor.phone if donor and donor.phone else ""),
        is_anonymous=is_anonymous,
        language=language,
        amount=amount,
        frequency=frequency,
        hijri_year=hijri_year,
        next_charge_on=due,
    )
    audit_log(
        action="joud.recurring.created",
        actor=donor,
        target=plan,
        data={"frequency": frequency, "amount": amount, "first": due},
    )
    return plan


def recurring_plan_set_state(*, plan: RecurringPlan, state: str, today=None) -> RecurringPlan:
    allowed = {
        RecurringPlan.State.PAUSED: {RecurringPlan.State.ACTIVE},
        RecurringPlan.State.ACTIVE: {RecurringPlan.State.PAUSED},
        RecurringPlan.State.CANCELLED: {RecurringPlan.State.ACTIVE, RecurringPlan.State.PAUSED},
    }
    with transaction.atomic():
        plan = RecurringPlan.unscoped.select_for_update().get(pk=plan.pk)
        if plan.state not in allowed.get(state, set()):
            raise BusinessError(_("This plan cannot be changed that way."), code="state")
        plan.state = state
        fields = ["state", "updated_at"]
        if state == RecurringPlan.State.ACTIVE:
            # Resuming does not charge the dates missed while paused.
            today = today or timezone.localdate()
            if plan.next_charge_on and plan.next_charge_on < today:
                due = plan.next_charge_on
                while due is not None and due < today:
                    due = next_due(plan, due)
                plan.next_charge_on = due
                if due is None:
                    plan.state = RecurringPlan.State.FINISHED
                fields.append("next_charge_on")
        plan.save(update_fields=fields)
        audit_log(action=f"joud.recurring.{state}", target=plan, data={})
    return plan


def recurring_charge_due(*, today: dt.date | None = None) -> int:
    """Charge every due date of every active plan, each exactly once. Returns charges made."""
    today = today or timezone.localdate()
    made = 0
    plans = RecurringPlan.unscoped.filter(
        state=RecurringPlan.State.ACTIVE, next_charge_on__lte=today
    ).values_list("pk", flat=True)
    for plan_id in list(plans):
        made += _charge_plan(plan_id, today)
    made += _retry_failed(today)
    return made


def _charge_plan(plan_id: int, today: dt.date) -> int:
    made = 0
    with transaction.atomic():
        plan = (
            RecurringPlan.unscoped.select_for_update(skip_locked=True)
            .filter(pk=plan_id, state=RecurringPlan.State.ACTIVE)
            .first()
        )
        if plan is None:
            return 0  # another scheduler has it
        due = plan.next_charge_on
        while due is not None and due <= today:
            try:
                with transaction.atomic():
                    charge = RecurringCharge.objects.create(
                        organization_id=plan.organization_id, plan=plan, due_on=due
                    )
            except IntegrityError:
                charge = None  # this date was already claimed: never charge it twice
            if charge is not None:
                transaction.on_commit(lambda c=charge.pk: _charge(c))
                made += 1
            due = next_due(plan, due)
        plan.next_charge_on = due
        if due is None:
            plan.state = RecurringPlan.State.FINISHED
        plan.save(update_fields=["next_charge_on", "state", "updated_at"])
    return made


def plan_consent_evidence(plan: RecurringPlan) -> str:
    """The proof a plan's consents carry: the form and the plan they were given on."""
    return f"giving form, plan {plan.pk}"


def _shows_name(plan: RecurringPlan) -> bool:
    """Whether a charge's gift shows the donor's name publicly: only while the consent given
    for this plan stands (a "show my name" ticked on another gift does not count for it; a
    withdrawal hides the name on the next charges too)."""
    if plan.is_anonymous or not plan.donor_name:
        return False
    subject = DataSubject(
        user=plan.donor, phone=plan.donor_phone, email=(plan.donor_email or "").lower()
    )
    return consent_active(subject, Purpose.PUBLIC_NAME, evidence=plan_consent_evidence(plan))


def _charge(charge_id: int) -> None:
    """Create the donation for one claimed date and charge it through the provider."""
    charge = RecurringCharge.unscoped.select_related("plan", "plan__organization").get(pk=charge_id)
    plan = charge.plan
    try:
        donation = donation_create(
            organization=plan.organization,
            target=plan.target,
            initiative=plan.initiative,
            amount=plan.amount,
            donor=plan.donor,
            donor_name=plan.donor_name,
            donor_email=plan.donor_email,
            donor_phone=plan.donor_phone,
            is_anonymous=plan.is_anonymous,
            show_name=_shows_name(plan),
            language=plan.language,
        )
    except BusinessError as exc:
        RecurringCharge.unscoped.filter(pk=charge.pk).update(
            state=RecurringCharge.State.FAILED, tries=MAX_TRIES
        )
        _tell(plan, PLAN_CHARGE_REFUSED, reason=exc)
        return
    RecurringCharge.unscoped.filter(pk=charge.pk).update(donation=donation)
    _attempt_charge(charge.pk, donation, default_provider())


def _attempt_charge(charge_id: int, donation: Donation, provider) -> None:
    RecurringCharge.unscoped.filter(pk=charge_id).update(tries=F("tries") + 1)
    plan = RecurringCharge.unscoped.select_related("plan").get(pk=charge_id).plan
    saved = _saved_method(plan, provider)
    # The checkout (the pay link) keeps the card where the gateway can, for the next charges.
    attempt, url = payment_attempt_start(
        donation=donation,
        return_url=reverse("donations:thanks", args=[donation.reference]),
        save_method=True,
    )
    if provider.charge_saved_method(attempt, saved=saved):
        attempt.save(update_fields=["provider_reference", "updated_at"])
        # The gateway reports the result through its webhook, as for any payment; asking now
        # (the same exactly-once path) confirms an immediate success without waiting for it.
        payment_attempt_poll(attempt=attempt)
        return
    # No saved card, a gateway that asks the cardholder for a code on every saved-card charge
    # (Thawani), or a bank asking for authentication (Stripe): the donor pays from a link.
    _tell(
        plan,
        PLAN_PAY_LINK,
        amount=format_money(plan.amount, language=plan.language),
        url=url if url.startswith(("https://", "http://")) else settings.SITE_URL.rstrip("/") + url,
    )


def _saved_method(plan: RecurringPlan, provider) -> dict | None:
    """The card saved for ``plan`` with ``provider``: kept on the plan, else found on the plan's
    last paid charge through this provider (then kept)."""
    if plan.saved_provider == provider.identifier and plan.saved_method:
        return {"customer": plan.saved_customer, "payment_method": plan.saved_method}
    paid = paid_plan_attempts(plan, provider.identifier).first()
    saved = provider.saved_method_for(paid) if paid is not None else None
    if not saved:
        return None
    RecurringPlan.unscoped.filter(pk=plan.pk).update(
        saved_provider=provider.identifier,
        saved_customer=saved.get("customer", "")[:120],
        saved_method=saved.get("payment_method", "")[:120],
    )
    return saved


def recurring_plans_follow_calendar(*, today: dt.date | None = None) -> int:
    """After an announcement moved a Hijri month: each last-ten-nights plan whose next charge is
    not yet past takes the first night of the new calendar after today and after the nights
    already charged (those stay), and its donor is told. Returns the plans moved."""
    today = today or timezone.localdate()
    moved = 0
    plans = RecurringPlan.unscoped.filter(
        frequency=Frequency.TEN_NIGHTS,
        state__in=[RecurringPlan.State.ACTIVE, RecurringPlan.State.PAUSED],
        next_charge_on__gte=today,
    ).values_list("pk", flat=True)
    for plan_id in list(plans):
        with transaction.atomic():
            plan = RecurringPlan.unscoped.select_for_update().get(pk=plan_id)
            charged = (
                RecurringCharge.unscoped.filter(plan=plan)
                .order_by("-due_on")
                .values_list("due_on", flat=True)
                .first()
            )
            after = max(today - dt.timedelta(days=1), charged or dt.date.min)
            due = next((n for n in last_ten_nights(plan.hijri_year) if n > after), None)
            if due == plan.next_charge_on:
                continue
            old, plan.next_charge_on = plan.next_charge_on, due
            if due is None:
                plan.state = RecurringPlan.State.FINISHED
            plan.save(update_fields=["next_charge_on", "state", "updated_at"])
            audit_log(action="joud.recurring.moved", target=plan, data={"old": old, "new": due})
            transaction.on_commit(lambda p=plan, d=due: _tell(p, PLAN_MOVED, due=d))
            moved += 1
    return moved


def _retry_failed(today: dt.date) -> int:
    """Charges whose payment failed are tried again (at most MAX_TRIES), one retry per run."""
    retried = 0
    failed = RecurringCharge.unscoped.filter(
        donation__state=Donation.State.FAILED,
        tries__lt=MAX_TRIES,
        plan__state=RecurringPlan.State.ACTIVE,
        due_on__gte=today - dt.timedelta(days=7),
    ).select_related("donation", "plan")
    for charge in failed:
        _tell(charge.plan, PLAN_CHARGE_RETRIED)
        _attempt_charge(charge.pk, charge.donation, default_provider())
        retried += 1
    return retried


def _tell(plan: RecurringPlan, news: Event, **values) -> None:
    """Tell the plan's donor (in the plan's language), with the link to pause or cancel it.

    Runs inside the scheduler's background task: the messages leave at once."""
    manage = settings.SITE_URL.rstrip("/") + reverse("donations:plan_manage", args=[plan.token])
    recipient = Recipient(phone=plan.donor_phone, email=plan.donor_email, language=plan.language)
    notify(recipient, news, {**values, "manage_url": manage}, deferred=False)
