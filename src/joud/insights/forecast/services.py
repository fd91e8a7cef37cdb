"""The nightly forecast job: national, per category, per organization and per organization and
category series from the rollups, written to ``ForecastDay``; then each live initiative's
``GoalOutlook``.

A series is forecast only with at least ``MIN_HISTORY_DAYS`` of history (a Hijri year: the
calendar must have been seen once); the pages say "not enough data yet" otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.insights.forecast.model import forecast
from joud.insights.models import DailyRollup, ForecastDay, GoalOutlook, NationalSlice

MIN_HISTORY_DAYS = 354
HORIZON_DAYS = 400  # reaches the next Ramadan from any day of the year
RECENT_DAYS = 28


def _series_from(rows) -> dict[str, dict[dt.date, float]]:
    series: dict[str, dict[dt.date, float]] = defaultdict(dict)
    for key, day, amount in rows:
        series[str(key)][day] = series[str(key)].get(day, 0.0) + float(amount)
    return series


def _filled(history: dict[dt.date, float], last: dt.date) -> dict[dt.date, float]:
    """Days without a gift are zeros, from the first gift to ``last``."""
    first = min(history)
    days = (last - first).days + 1
    return {first + dt.timedelta(n): history.get(first + dt.timedelta(n), 0.0) for n in range(days)}


def all_series(today: dt.date) -> dict[tuple[str, str], dict[dt.date, float]]:
    yesterday = today - dt.timedelta(days=1)
    with scopes_disabled():
        slices = NationalSlice.objects.filter(
            dimension__in=("all", "category"), day__lte=yesterday
        ).values_list("dimension", "value", "day", "amount")
        national = _series_from((d if d == "all" else f"c:{v}", day, a) for d, v, day, a in slices)
        organizations = _series_from(
            DailyRollup.unscoped.filter(day__lte=yesterday)
            .values("organization_id", "day")
            .annotate(total=Sum("amount"))
            .values_list("organization_id", "day", "total")
        )
        organization_categories = _series_from(
            (f"{org}:{category}", day, total)
            for org, category, day, total in DailyRollup.unscoped.filter(day__lte=yesterday)
            .values("organization_id", "category", "day")
            .annotate(total=Sum("amount"))
            .values_list("organization_id", "category", "day", "total")
        )
    out = {}
    for key, history in national.items():
        scope = ("national", "") if key == "all" else ("category", key[2:])
        out[scope] = _filled(history, yesterday)
    for org, history in organizations.items():
        out[("organization", org)] = _filled(history, yesterday)
    for key, history in organization_categories.items():
        out[("org_category", key)] = _filled(history, yesterday)
    return out


def forecasts_refresh(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    end = today + dt.timedelta(days=HORIZON_DAYS)
    rows, skipped = [], 0
    for (scope, key), history in all_series(today).items():
        if len(history) < MIN_HISTORY_DAYS:
            skipped += 1
            continue
        result = forecast(history, today, end)
        rows += [
            ForecastDay(
                scope=scope, key=key, day=d, forecast=quantize(Decimal(f"{mid:.3f}")),
                lo=quantize(Decimal(f"{lo:.3f}")), hi=quantize(Decimal(f"{hi:.3f}")),
                computed_on=today,
            )
            for d, mid, lo, hi in result.rows()
        ]  # fmt: skip
    with transaction.atomic():
        ForecastDay.objects.all().delete()
        ForecastDay.objects.bulk_create(rows, batch_size=5000)
    outlooks = goal_outlooks_refresh(today=today)
    return {"days": len(rows), "skipped": skipped, "outlooks": outlooks}


def _projection(scope_key: tuple[str, str]) -> list[tuple[dt.date, float, float, float]]:
    scope, key = scope_key
    return list(
        ForecastDay.objects.filter(scope=scope, key=key)
        .order_by("day")
        .values_list("day", "forecast", "lo", "hi")
    )


def goal_outlooks_refresh(*, today: dt.date) -> int:
    """For each live initiative with a goal: its share of its organization's recent giving,
    times the organization's forecast (the national one when the organization has none),
    accumulated from what it has raised until the goal."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    with scopes_disabled():
        initiatives = list(
            Initiative.objects.filter(state=Initiative.State.LIVE, goal__isnull=False)
        )
        raised = dict(
            DailyRollup.unscoped.filter(initiative__in=initiatives)
            .values("initiative_id")
            .annotate(t=Sum("amount"))
            .values_list("initiative_id", "t")
        )
        recent = defaultdict(dict)
        for init_id, day, amount in (
            DailyRollup.unscoped.filter(initiative__in=initiatives, day__gte=since, day__lt=today)
            .values("initiative_id", "day")
            .annotate(t=Sum("amount"))
            .values_list("initiative_id", "day", "t")
        ):
            recent[init_id][day] = float(amount)
        org_recent = dict(
            DailyRollup.unscoped.filter(day__gte=since, day__lt=today)
            .values("organization_id")
            .annotate(t=Sum("amount"))
            .values_list("organization_id", "t")
        )
        national_recent = float(
            NationalSlice.objects.filter(dimension="all", day__gte=since, day__lt=today).aggregate(
                t=Sum("amount")
            )["t"]
            or 0
        )
        projections: dict[tuple[str, str], list] = {}
        outlooks = []
        for initiative in initiatives:
            outlooks.append(
                _outlook(
                    initiative, today, raised.get(initiative.pk) or Decimal(0),
                    recent.get(initiative.pk, {}), org_recent, national_recent, projections,
                )
            )  # fmt: skip
        with transaction.atomic():
            GoalOutlook.unscoped.all().delete()
            GoalOutlook.unscoped.bulk_create(outlooks)
    return len(outlooks)


def _outlook(initiative, today, raised, recent, org_recent, national_recent, projections):
    outlook = GoalOutlook(
        organization_id=initiative.organization_id, initiative=initiative, computed_on=today
    )
    if raised >= initiative.goal:
        outlook.status = GoalOutlook.Status.REACHED
        return outlook
    org_key = ("organization", str(initiative.organization_id))
    if org_key not in projections:
        projections[org_key] = _projection(org_key)
    scope_key, base = org_key, float(org_recent.get(initiative.organization_id) or 0)
    if not projections[org_key]:
        scope_key, base = ("national", ""), national_recent
        projections.setdefault(scope_key, _projection(scope_key))
    days_with_gifts = sum(1 for v in recent.values() if v > 0)
    if days_with_gifts < 7 or not base or not projections[scope_key]:
        outlook.status = GoalOutlook.Status.NO_DATA
        return outlook
    share = sum(recent.values()) / base
    remaining = float(initiative.goal - raised)
    totals = [0.0, 0.0, 0.0]  # forecast, lo, hi
    found: dict[int, dt.date] = {}
    for day, mid, lo, hi in projections[scope_key]:
        if initiative.ends_on and day > initiative.ends_on:
            break
        for n, value in enumerate((mid, lo, hi)):
            totals[n] += float(value) * share
            if n not in found and totals[n] >= remaining:
                found[n] = day
    if 0 not in found:
        outlook.status = GoalOutlook.Status.BEYOND
        outlook.earliest_on = found.get(2)
        return outlook
    outlook.status = GoalOutlook.Status.EXPECTED
    outlook.expected_on, outlook.earliest_on, outlook.latest_on = (
        found[0],
        found.get(2),
        found.get(1),
    )
    return outlook
