"""The donor's space reads: totals, the month-by-month and category sums, the receipts list.

A donor gives to any organization: these reads are cross-tenant on purpose (``scopes_disabled``),
always narrowed to one donor. Every sum is one SQL aggregate (the donor's rows through the
``donor_id`` index), never a Python loop over the gifts: a faithful donor has thousands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Min, Q, QuerySet, Sum
from django.utils import timezone

from joud.core.dates import hijri_month_start, to_hijri
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, RecurringPlan

PAID_STATES = (Donation.State.CONFIRMED, Donation.State.PARTIALLY_REFUNDED)
ZERO = Decimal("0.000")
_NET = ExpressionWrapper(
    F("amount") - F("refunded_amount"), output_field=DecimalField(max_digits=16, decimal_places=3)
)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def hijri_year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of Hijri ``year`` as local instants."""
    return _midnight(hijri_month_start(year, 1)), _midnight(hijri_month_start(year + 1, 1))


def _donor_gifts(user) -> QuerySet[Donation]:
    with scopes_disabled():
        return Donation.objects.filter(donor=user)


@dataclass(frozen=True)
class GivingSummary:
    """What a donor gave (paid, less refunds): all time, in one Hijri year, and that year by
    Hijri month (12 sums, Muharram first)."""

    all_time: Decimal
    gifts: int
    year: int
    in_year: Decimal
    gifts_in_year: int
    months: list[Decimal]


def giving_summary(user, *, year: int) -> GivingSummary:
    """One query: filtered sums over the donor's paid gifts, by confirmation instant."""
    bounds = [_midnight(hijri_month_start(year, m)) for m in range(1, 13)]
    bounds.append(hijri_year_bounds(year)[1])
    paid = Q(state__in=PAID_STATES)
    sums = {
        "all_time": Sum(_NET, filter=paid),
        "gifts": Count("pk", filter=paid),
        "gifts_in_year": Count(
            "pk", filter=paid & Q(confirmed_at__gte=bounds[0], confirmed_at__lt=bounds[12])
        ),
    }
    for i in range(12):
        sums[f"m{i}"] = Sum(
            _NET, filter=paid & Q(confirmed_at__gte=bounds[i], confirmed_at__lt=bounds[i + 1])
        )
    row = _donor_gifts(user).aggregate(**sums)
    months = [row[f"m{i}"] or ZERO for i in range(12)]
    return GivingSummary(
        all_time=row["all_time"] or ZERO,
        gifts=row["gifts"],
        year=year,
        in_year=sum(months, ZERO),
        gifts_in_year=row["gifts_in_year"],
        months=months,
    )


def giving_by_category(user, *, year: int | None) -> list[tuple[str, str, Decimal]]:
    """(target, initiative category or "", net given) for the donor's paid gifts in Hijri
    ``year`` (None: all time), largest first."""
    gifts = _donor_gifts(user).filter(state__in=PAID_STATES)
    if year is not None:
        start, end = hijri_year_bounds(year)
        gifts = gifts.filter(confirmed_at__gte=start, confirmed_at__lt=end)
    rows = (
        gifts.values("target", "initiative__category")
        .annotate(total=Sum(_NET))
        .order_by("-total", "target", "initiative__category")
    )
    return [(r["target"], r["initiative__category"] or "", r["total"] or ZERO) for r in rows]


def first_gift_year(user) -> int | None:
    """The Hijri year of the donor's first gift (None: no gift yet)."""
    first = _donor_gifts(user).aggregate(first=Min("created_at"))["first"]
    return to_hijri(timezone.localtime(first).date())[0] if first else None


def donor_receipts(user, *, year: int | None) -> QuerySet[Donation]:
    """The donor's gifts (every state: a failed one says so), newest first; in Hijri ``year``
    (by the day it was given) when given."""
    gifts = _donor_gifts(user).select_related("organization", "initiative", "public_case")
    if year is not None:
        start, end = hijri_year_bounds(year)
        gifts = gifts.filter(created_at__gte=start, created_at__lt=end)
    return gifts.order_by("-created_at", "-pk")


def donor_plans(user) -> QuerySet[RecurringPlan]:
    """The donor's scheduled giving that still runs or waits (not cancelled, not finished)."""
    with scopes_disabled():
        return (
            RecurringPlan.objects.filter(donor=user)
            .filter(state__in=(RecurringPlan.State.ACTIVE, RecurringPlan.State.PAUSED))
            .select_related("initiative", "organization")
            .order_by("next_charge_on", "pk")
        )
