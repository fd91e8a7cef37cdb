"""The dashboards' figures change only when the rollups do (every quarter of an hour), so each
computed dashboard is kept in the shared cache under the rollups' current version: the first
view after a refresh computes it from the rollups, every later view until the next refresh reads
it back. The refresh bumps the version and computes the ministry's default views at once."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from joud.core.money import numbering_system
from joud.core.tenancy import scopes_disabled
from joud.insights.dashboards import DEFAULT_PERIOD, Filters, dashboard
from joud.insights.priorities import priorities
from joud.insights.templatetags.insights_charts import charts_of

VERSION_KEY = "insights:version"
KEEP_SECONDS = 20 * 60  # a little over the refresh's period


def version() -> str:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, str(time.time_ns()), None)
        current = cache.get(VERSION_KEY)
    return current


def bump() -> None:
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def board_and_charts(*, organization_id: int | None, filters: Filters):
    """(Dashboard, chart islands) for the active language, computed at most once per version."""
    key = ":".join(
        [
            "insights:board",
            version(),
            str(organization_id or "all"),
            "h" if filters.hijri else "g",
            filters.period,
            translation.get_language() or "ar",
            numbering_system(),  # the texts carry the digits the person chose
        ]
    )
    found = cache.get(key)
    if found is None:
        board = dashboard(organization_id=organization_id, filters=filters)
        found = (board, charts_of(board))
        cache.set(key, found, KEEP_SECONDS)
    return found


def ranked_places(*, category: str):
    """The priorities page's (governorates, wilayats), computed at most once per version."""
    key = ":".join(
        [
            "insights:places",
            version(),
            category or "all",
            translation.get_language() or "ar",
            numbering_system(),
        ]
    )
    found = cache.get(key)
    if found is None:
        with scopes_disabled():
            found = priorities(category=category)
        cache.set(key, found, KEEP_SECONDS)
    return found


def warm_national() -> None:
    """The ministry's default views (both languages, both calendars; each language's own
    digits) for the new version."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language), scopes_disabled():
            for hijri in (True, False):
                board_and_charts(
                    organization_id=None, filters=Filters(hijri=hijri, period=DEFAULT_PERIOD)
                )
