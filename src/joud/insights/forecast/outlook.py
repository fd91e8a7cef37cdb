"""What the dashboards say of the forecast: the next Ramadan (and its last ten nights) and the
next 30 days, each with its range; ``None`` when the series has no forecast yet (too little
history), which the pages word as "not enough data yet".

The range of a total is the sum of the days' 80% bounds: wider than the total's own 80%
interval (days do not all miss the same way), so a cautious range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from joud.core.dates import last_ten_nights, ramadan_dates, to_hijri
from joud.insights.labels import category_label
from joud.insights.models import ForecastDay, GoalOutlook

CATEGORY = "category"
ORGANIZATION_CATEGORY = "org_category"  # key "<organization id>:<category>"


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
    # Whole rials: "about 8,668,615", not a forecast's false baisa.
    return Total(
        *(
            sum((r[n] for r in picked), Decimal(0)).quantize(Decimal(1), ROUND_HALF_UP)
            for n in (1, 2, 3)
        )
    )


def next_ramadan_year(today: dt.date) -> int:
    year, month, _d = to_hijri(today)
    if month < 9 or (month == 9 and today <= ramadan_dates(year)[-1]):
        return year
    return year + 1


def _days_read(today: dt.date):
    """Only the days a page reads: the next 30 and the next Ramadan's (not all 400)."""
    ramadan = ramadan_dates(next_ramadan_year(today))
    return Q(day__range=(today, today + dt.timedelta(days=29))) | Q(
        day__range=(max(today, ramadan[0]), ramadan[-1])
    )


def _outlook_of(rows, today: dt.date) -> Outlook | None:
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


def forecast_outlook(*, scope: str, key: str = "", today: dt.date | None = None):
    today = today or timezone.localdate()
    rows = list(
        ForecastDay.objects.filter(_days_read(today), scope=scope, key=str(key))
        .order_by("day")
        .values_list("day", "forecast", "lo", "hi", "computed_on")
    )
    return _outlook_of(rows, today)


def outlooks_by_key(*, scope: str, prefix: str = "", today: dt.date | None = None):
    """{key: Outlook} for every series of ``scope`` whose key starts with ``prefix`` (with the
    prefix taken off), in one query."""
    today = today or timezone.localdate()
    qs = ForecastDay.objects.filter(_days_read(today), scope=scope)
    if prefix:
        qs = qs.filter(key__startswith=prefix)
    grouped: dict[str, list] = {}
    for key, *row in qs.order_by("key", "day").values_list(
        "key", "day", "forecast", "lo", "hi", "computed_on"
    ):
        grouped.setdefault(key[len(prefix) :], []).append(tuple(row))
    found = {key: _outlook_of(rows, today) for key, rows in grouped.items()}
    return {key: outlook for key, outlook in found.items() if outlook is not None}


@dataclass(frozen=True)
class CategoryOutlook:
    label: str
    outlook: Outlook | None  # None: not enough data yet


def category_outlooks(*, organization_id: int | None, given_labels=(), today=None):
    """Each category's outlook, the largest next Ramadan first: the national ones for the
    ministry (``organization_id`` None), else that organization's own. Categories given to
    (``given_labels``, from the dashboard) without a forecast come last, as "not enough data"."""
    if organization_id is None:
        found = outlooks_by_key(scope=CATEGORY, today=today)
    else:
        found = outlooks_by_key(
            scope=ORGANIZATION_CATEGORY, prefix=f"{int(organization_id)}:", today=today
        )
    rows = sorted(
        (CategoryOutlook(category_label(code), outlook) for code, outlook in found.items()),
        key=lambda r: r.outlook.ramadan.forecast,
        reverse=True,
    )
    shown = {r.label for r in rows}
    rows += [CategoryOutlook(label, None) for label in given_labels if label not in shown]
    return rows


def goal_outlooks(*, organization_id: int):
    """The organization's live initiatives with a goal and when each should reach it."""
    return list(
        GoalOutlook.unscoped.filter(organization_id=organization_id)
        .select_related("initiative")
        .order_by("expected_on", "initiative__title_ar")
    )
