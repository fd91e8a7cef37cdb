"""Suggestions for a donor (their space) or after a gift (the initiative just given to).

``suggested_initiatives`` returns initiatives taking gifts now only (live, of an active
organization within its licence, not past their end date: never suspended, ended or finished
ones), none the donor already gave to, diversified by category and governorate; with no history
it falls back to the most given-to open initiatives of the last 30 days.

Cost on a page: the open initiatives' (id, category, governorate) and the popular list change
only with the rollups, so they are kept in the shared cache under the rollups' version; a page
then reads the donor's recent gifts (signed in only), the neighbours of those initiatives, and
the chosen initiatives themselves, re-checked as open at that moment (a suspension shows at
once, whatever the cache holds).
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone

from joud.campaigns.selectors import live_initiatives, public_initiatives
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.insights.cache import KEEP_SECONDS, version
from joud.insights.models import DailyRollup, SimilarInitiative
from joud.insights.recommend.model import Item, recommend
from joud.insights.rollups.keys import CONFIRMED_STATES

GIVEN_LIMIT = 50
POPULAR_DAYS = 30
SPARE = 4  # extra picks asked for, in case one stopped taking gifts since the cache was filled


def open_initiatives(today: dt.date | None = None):
    """Live initiatives that can take a gift today."""
    today = today or timezone.localdate()
    return live_initiatives().filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        Q(organization__licence_expires_on__isnull=True)
        | Q(organization__licence_expires_on__gte=today),
    )


def initiative_by_code(code: str):
    """The public initiative with this code, or None (a bad or unknown code is no error here)."""
    if not code or len(code) > 12 or not code.isalnum():
        return None
    with scopes_disabled():
        return public_initiatives().prefetch_related(None).filter(public_code=code).first()


def _given_by(user) -> list[int]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    rows = (
        Donation.objects.filter(donor=user, state__in=CONFIRMED_STATES, initiative__isnull=False)
        .order_by("-confirmed_at")
        .values_list("initiative_id", flat=True)[:GIVEN_LIMIT]
    )
    return list(dict.fromkeys(rows))


def _popular(open_ids: set[int], today: dt.date) -> list[int]:
    since = today - dt.timedelta(days=POPULAR_DAYS)
    rows = (
        DailyRollup.unscoped.filter(day__gte=since, initiative_id__isnull=False)
        .values("initiative_id")
        .annotate(gifts=Sum("gifts"))
        .order_by("-gifts")
        .values_list("initiative_id", flat=True)[:300]
    )
    return [pk for pk in rows if pk in open_ids][:100]


def candidates(today: dt.date | None = None) -> tuple[dict[int, Item], list[int]]:
    """({id: Item} of the open initiatives, the popular ones first to last), cached."""
    today = today or timezone.localdate()
    key = f"insights:suggest:{version()}:{today.isoformat()}"
    found = cache.get(key)
    if found is None:
        rows = (
            open_initiatives(today)
            .prefetch_related(None)
            .values_list("pk", "category", "organization__governorate_id")
        )
        items = {pk: Item(pk, category, place) for pk, category, place in rows}
        popular = _popular(set(items), today) or sorted(items, reverse=True)
        found = (items, popular)
        cache.set(key, found, KEEP_SECONDS)
    return found


def suggested_initiatives(*, user=None, after=None, limit: int = 6):
    """Up to ``limit`` open initiatives for ``user`` (signed in), or after a gift to ``after``.
    Public initiatives of every organization: read with scopes off."""
    with scopes_disabled():
        return _suggested(user, after, limit)


def _suggested(user, after, limit):
    items, popular = candidates()
    if not items:
        return []
    given = _given_by(user)
    if after is not None:
        given = [after.pk, *[g for g in given if g != after.pk]]
    neighbours: dict[int, list[tuple[int, float]]] = {}
    if given:
        rows = SimilarInitiative.objects.filter(initiative_id__in=given).values_list(
            "initiative_id", "other_id", "score"
        )
        for item, other, score in rows:
            neighbours.setdefault(item, []).append((other, score))
    chosen = recommend(given, neighbours, items, popular, limit + SPARE)
    found = {i.pk: i for i in open_initiatives().prefetch_related(None).filter(pk__in=chosen)}
    return [found[pk] for pk in chosen if pk in found][:limit]
