"""What a scheduled gift commits the donor to, said before it is set up (like a payment's amount):
its next dates, how many charges and how much in the coming year (or in all, for a plan that
ends, such as Ramadan's last ten nights), and how each charge is taken."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from joud.donations.models import RecurringPlan
from joud.donations.recurring import first_due, next_due
from joud.payments.base import BasePaymentProvider
from joud.payments.registry import default_provider

SHOWN = 4  # dates listed for an open-ended plan
SAVED_CARD = "saved_card"
PAY_LINK = "pay_link"


@dataclass(frozen=True)
class PlanSchedule:
    dates: list[dt.date]  # the dates shown (all of them when the plan ends by itself)
    charges: int  # charges in the coming year, or in all for a plan that ends
    total: Decimal  # what those charges come to
    ends: bool  # True: the plan finishes after ``charges`` (the ten nights)
    until: dt.date  # the last date counted


def plan_schedule(*, frequency: str, amount: Decimal, today: dt.date | None = None) -> PlanSchedule:
    """The schedule a new plan of ``frequency`` would follow from ``today``."""
    today = today or timezone.localdate()
    first, hijri_year = first_due(frequency, today)
    plan = RecurringPlan(
        frequency=frequency,
        hijri_year=hijri_year,
        created_at=timezone.make_aware(dt.datetime.combine(today, dt.time(12))),
    )
    return upcoming(plan, first, amount=amount, today=today)


def upcoming(
    plan: RecurringPlan, first: dt.date | None, *, amount: Decimal, today: dt.date | None = None
) -> PlanSchedule:
    """The charges of ``plan`` from ``first`` on: over the year from ``today``, or all of them
    for a plan that ends."""
    today = today or timezone.localdate()
    ends = plan.frequency == RecurringPlan.Frequency.TEN_NIGHTS
    horizon = today + dt.timedelta(days=365)
    dates: list[dt.date] = []
    due = first
    while due is not None and (ends or due < horizon):
        dates.append(due)
        due = next_due(plan, due)
    return PlanSchedule(
        dates=dates if ends else dates[:SHOWN],
        charges=len(dates),
        total=amount * len(dates),
        ends=ends,
        until=dates[-1] if dates else today,
    )


def plan_charging(provider=None) -> str:
    """How each charge is taken with the platform's gateway: from the card saved at the first
    payment (the gateway keeps it, never Joud), or by a pay link sent each time (a gateway that
    cannot charge a saved card without the cardholder, such as Thawani)."""
    provider = provider or default_provider()
    if type(provider).charge_saved_method is BasePaymentProvider.charge_saved_method:
        return PAY_LINK
    return SAVED_CARD
