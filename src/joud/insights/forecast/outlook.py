"""What the dashboards say of the forecast: the next Ramadan (and its last ten nights) and the
next 30 days, each with its range; ``None`` when the series has no forecast yet (too little
history), which the pages word as "not enough data yet".

The range of a total is the sum of the days' 80% bounds: wider than the total's own 80%
interval (days do not all miss the same way), so a cautious range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from joud.core.dates import last_ten_nights, ramadan_dates, to_hijri
from joud.insights.models import ForecastDay, GoalOutlook


@dataclass(frozen=True)
class Total:
    forecast: Decimal
    lo: Decimal
    hi: Decimal


@dataclass(frozen=True)
class Outlook:
    ramadan_year: int
    ramadan_starts: dt.date
    ramadan: Total
    last_ten: Total
    next_30: Total
    computed_on: dt.date


def _total(rows, days) -> Total | None:
    picked = [r for r in rows if r[0] in days]
    if len(picked) < len(days):
        return None
    return Total(*(sum((r[n] for r in picked), Decimal(0)) for n in (1, 2, 3)))


def next_ramadan_year(today: dt.date) -> int:
    year, month, _d = to_hijri(today)
    if month < 9 or (month == 9 and today <= ramadan_dates(year)[-1]):
        return year
    return year + 1


def forecast_outlook(*, scope: str, key: str = "", today: dt.date | None = None):
    today = today or timezone.localdate()
    rows = list(
        ForecastDay.objects.filter(scope=scope, key=str(key), day__gte=today)
        .order_by("day")
        .values_list("day", "forecast", "lo", "hi", "computed_on")
    )
    if not rows:
        return None
    year = next_ramadan_year(today)
    ramadan = {d for d in ramadan_dates(year) if d >= today}
    nights = {d for d in last_ten_nights(year) if d >= today}
    coming = {today + dt.timedelta(days=n) for n in range(30)}
    totals = [_total(rows, ramadan), _total(rows, nights), _total(rows, coming)]
    if any(t is None for t in totals):
        return None
    return Outlook(year, min(ramadan_dates(year)), *totals, rows[0][4])


def goal_outlooks(*, organization_id: int):
    """The organization's live initiatives with a goal and when each should reach it."""
    return list(
        GoalOutlook.unscoped.filter(organization_id=organization_id)
        .select_related("initiative")
        .order_by("expected_on", "initiative__title_ar")
    )
