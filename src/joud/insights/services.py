"""Keeping the insights tables: the periodic refresh of the last two days and the full rebuild.

Both rewrite derived rows only (nothing here is a record of its own), so running either twice,
or both at once after a crash, leaves the same tables.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.insights import cache
from joud.insights.donors.summary import save_summaries
from joud.insights.rollups import activity, giving
from joud.insights.visits import fold_visits


def rollups_refresh(*, today: dt.date | None = None, days: int = 2) -> dict[str, int]:
    """Recompute the last ``days`` days (today and yesterday by default): the profiles of every
    donor who gave in them (from all their gifts), the days' rollups, funnels, payments out and
    visits, the touched organizations' cohorts, and the open needs."""
    today = today or timezone.localdate()
    start = today - dt.timedelta(days=days - 1)
    with scopes_disabled(), transaction.atomic():
        recent = list(giving.gifts_between(start, today))
        touched = {(g.organization_id, g.key) for g in recent if g.key}
        profiles = giving.build_profiles(giving.gifts_of_donors(touched))
        giving.save_profiles(profiles, replace_all=False)
        first_ids = {p.first.id for p in profiles.values()}
        giving.save_rollups(giving.build_rollups(recent, first_ids), start, today)
        giving.save_cohorts({o for o, _k in touched})
        activity.save_funnel(start, today)
        activity.save_disbursements(start, today)
        activity.save_needs()
        visits = fold_visits([start + dt.timedelta(days=n) for n in range(days)])
        summaries = save_summaries({o for o, _k in touched}, today)
    cache.bump()
    return {"gifts": len(recent), "donors": len(profiles), "visits": visits, "summaries": summaries}


def rollups_rebuild() -> dict[str, int]:
    """Every table from the first gift on (after a change of rules, or on a new install)."""
    with scopes_disabled(), transaction.atomic():
        profiles = giving.build_profiles(giving.confirmed_gifts())
        giving.save_profiles(profiles, replace_all=True)
        first_ids = {p.first.id for p in profiles.values()}
        rows = giving.build_rollups(giving.confirmed_gifts(), first_ids)
        giving.save_rollups(rows, None, None)
        giving.save_cohorts(None)
        days = sorted({d[0] for d in rows}) or [timezone.localdate()]
        activity.save_funnel(days[0], max(days[-1], timezone.localdate()))
        activity.save_disbursements(None, None)
        activity.save_needs()
        today = timezone.localdate()
        fold_visits([today - dt.timedelta(days=1), today])
        save_summaries(None, today)
    cache.bump()
    return {"rows": len(rows), "donors": len(profiles)}
