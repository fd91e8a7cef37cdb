"""Suggestions for a donor (their space) or after a gift (the initiative just given to).

``suggested_initiatives`` returns live initiatives only (never suspended, ended or finished
ones), none the donor already gave to, diversified by category and governorate; with no
history it falls back to the most given-to live initiatives of the last 30 days.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from joud.campaigns.selectors import live_initiatives
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.insights.models import DailyRollup, SimilarInitiative
from joud.insights.recommend.model import Item, recommend
from joud.insights.rollups.keys import CONFIRMED_STATES

GIVEN_LIMIT = 50
POPULAR_DAYS = 30


def _given_by(user) -> list[int]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    with scopes_disabled():
        rows = (
            Donation.objects.filter(
                donor=user, state__in=CONFIRMED_STATES, initiative__isnull=False
            )
            .order_by("-confirmed_at")
            .values_list("initiative_id", flat=True)[:GIVEN_LIMIT]
        )
        return list(dict.fromkeys(rows))


def _popular(live_ids: set[int]) -> list[int]:
    since = timezone.localdate() - dt.timedelta(days=POPULAR_DAYS)
    with scopes_disabled():
        rows = (
            DailyRollup.unscoped.filter(day__gte=since, initiative_id__in=live_ids)
            .values("initiative_id")
            .annotate(gifts=Sum("gifts"))
            .order_by("-gifts")
            .values_list("initiative_id", flat=True)[:100]
        )
        return list(rows)


def suggested_initiatives(*, user=None, after=None, limit: int = 6):
    """Up to ``limit`` live initiatives for ``user`` (signed in), or after a gift to ``after``.
    Public initiatives of every organization: read with scopes off."""
    with scopes_disabled():
        return _suggested(user, after, limit)


def _suggested(user, after, limit):
    given = _given_by(user)
    if after is not None:
        given = [after.pk, *[g for g in given if g != after.pk]]
    live = {i.pk: i for i in live_initiatives()}
    if not live:
        return []
    items = {pk: Item(pk, i.category, i.organization.governorate_id) for pk, i in live.items()}
    neighbours: dict[int, list[tuple[int, float]]] = {}
    for row in SimilarInitiative.objects.filter(initiative_id__in=given).values_list(
        "initiative_id", "other_id", "score"
    ):
        neighbours.setdefault(row[0], []).append((row[1], row[2]))
    popular = _popular(set(live)) or sorted(live, key=lambda pk: -live[pk].pk)
    chosen = recommend(given, neighbours, items, popular, limit)
    return [live[pk] for pk in chosen]
