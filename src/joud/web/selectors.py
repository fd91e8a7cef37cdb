"""The donor's space reads: totals, the month-by-month and category sums, the receipts list.

A donor gives to any organization: these reads are cross-tenant on purpose (``scopes_disabled``),
always narrowed to one donor. Every sum is one SQL aggregate (the donor's rows through the
``donor_id`` index), never a Python loop over the gifts: a faithful donor has thousands.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
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
    Hijri month (12 sums, Muharram first); and the Hijri year of the first gift."""

    all_time: Decimal
    gifts: int
    year: int
    in_year: Decimal
    gifts_in_year: int
    months: list[Decimal]
    first_year: int | None


def giving_summary(user, *, year: int) -> GivingSummary:
    """Two light queries: the all-time sums, then the year's paid gifts (a few hundred at most),
    binned by Hijri month here. Twelve filtered sums in SQL cost more to build than to run."""
    gifts = _donor_gifts(user)
    paid = Q(state__in=PAID_STATES)
    row = gifts.aggregate(
        all_time=Sum(_NET, filter=paid), gifts=Count("pk", filter=paid), first=Min("created_at")
    )
    starts = [_midnight(hijri_month_start(year, m)) for m in range(1, 13)]
    end = hijri_year_bounds(year)[1]
    months = [ZERO] * 12
    counted = 0
    in_year = gifts.filter(paid, confirmed_at__gte=starts[0], confirmed_at__lt=end)
    for confirmed, amount, refunded in in_year.values_list(
        "confirmed_at", "amount", "refunded_amount"
    ):
        months[bisect_right(starts, confirmed) - 1] += amount - refunded
        counted += 1
    first = row["first"]
    return GivingSummary(
        all_time=row["all_time"] or ZERO,
        gifts=row["gifts"],
        year=year,
        in_year=sum(months, ZERO),
        gifts_in_year=counted,
        months=months,
        first_year=to_hijri(timezone.localtime(first).date())[0] if first else None,
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
