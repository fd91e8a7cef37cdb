"""A cheap counter of initiative page visits: the first step of each initiative's funnel.

A page view adds one to a per-day counter in the shared cache (Redis in production; one
increment, no database write on the hottest public page). The rollup job folds the counters of
today and yesterday into ``FunnelDay.visits``; a counter only grows during its day, so the fold
keeps the larger of what it reads and what is stored, and a lost cache never lowers a figure.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.insights.models import FunnelDay

VIEW_NAME = "campaigns:detail"
KEEP_SECONDS = 3 * 24 * 3600
PUBLIC_STATES = ("live", "ended", "reported", "closed", "suspended")


def visit_key(day: dt.date, code: str) -> str:
    return f"insights:visits:{day:%Y%m%d}:{code}"


def count_visit(code: str, day: dt.date | None = None) -> None:
    key = visit_key(day or timezone.localdate(), code)
    if not cache.add(key, 1, KEEP_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, KEEP_SECONDS)


class InitiativeVisitMiddleware:
    """Counts successful GETs of an initiative's public page (nothing else)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            match is not None
            and match.view_name == VIEW_NAME
            and request.method == "GET"
            and response.status_code == 200
        ):
            count_visit(match.kwargs.get("code", ""))
        return response


def fold_visits(days: list[dt.date]) -> int:
    """Write the cached counters of ``days`` into ``FunnelDay`` (call with scopes disabled)."""
    initiatives = dict(
        Initiative.objects.filter(state__in=PUBLIC_STATES).values_list("public_code", "id")
    )
    owners = dict(
        Initiative.objects.filter(state__in=PUBLIC_STATES).values_list("id", "organization_id")
    )
    written = 0
    for day in days:
        counters = cache.get_many([visit_key(day, code) for code in initiatives])
        if not counters:
            continue
        seen = {visit_key(day, code): pk for code, pk in initiatives.items()}
        visits = {seen[k]: int(v) for k, v in counters.items()}
        rows = {
            r.initiative_id: r for r in FunnelDay.unscoped.filter(day=day, initiative_id__in=visits)
        }
        changed, new = [], []
        for pk, n in visits.items():
            row = rows.get(pk)
            if row is None:
                new.append(
                    FunnelDay(day=day, initiative_id=pk, organization_id=owners[pk], visits=n)
                )
            elif n > row.visits:
                row.visits = n
                changed.append(row)
        FunnelDay.unscoped.bulk_update(changed, ["visits"])
        FunnelDay.unscoped.bulk_create(new)
        written += len(changed) + len(new)
    return written
