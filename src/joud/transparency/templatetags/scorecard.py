"""The scorecard's blocks for other apps' pages: ``{% scorecard_badge organization %}`` on the
public profile, ``{% scorecard_advice organization %}`` in the organization's dashboard."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.html import format_html

from joud.transparency import display
from joud.transparency.quarters import Quarter
from joud.transparency.scorecards import latest_scorecard, scorecard_history

register = template.Library()


def _context(organization) -> dict:
    shown = latest_scorecard(organization) if organization is not None else None
    score = shown.row.score if shown else None
    return {
        "organization": organization,
        "shown": shown,
        "score": score,
        "band": display.band(score),
        "band_class": display.band_class(score),
        "min_coverage": format_html(
            "<bdi>{}</bdi>", display.percent(settings.JOUD_SCORECARD_MIN_COVERAGE)
        ),
    }


@register.inclusion_tag("transparency/_scorecard_badge.html")
def scorecard_badge(organization):
    context = _context(organization)
    if context["shown"]:
        percentile = context["shown"].row.percentile
        if percentile is not None:
            context["percentile_text"] = display.percent(Decimal(percentile) / 100)
        context["history"] = [
            {"row": row, "band_class": display.band_class(row.score)}
            for row in scorecard_history(organization)
        ]
    return context


@register.inclusion_tag("transparency/_scorecard_advice.html")
def scorecard_advice(organization):
    context = _context(organization)
    shown = context["shown"]
    context["to_raise"] = shown.card.to_raise() if shown else []
    context["unmeasured"] = (
        [p for p in shown.card.parts if not p.measured and p.weight] if shown else []
    )
    return context


@register.filter
def reading_text(part) -> str:
    return display.reading_text(part)


@register.filter
def points_text(part) -> str:
    return display.points_text(part)


@register.filter
def lost_points(part) -> str:
    return display.tenth(part.lost)


@register.filter
def quarter_labels(row) -> dict:
    quarter = Quarter.parse(row.quarter)
    return {"gregorian": quarter.gregorian_label(), "hijri": quarter.hijri_label()}


@register.simple_tag
def organization_score(organization) -> dict:
    """``{% organization_score organization as score %}`` for the dashboard's key figures:
    ``score.value`` (out of 100; None before enough data or before the first scoring) and
    ``score.band`` ("Good"…, empty before the first scoring)."""
    context = _context(organization)
    if not context["shown"]:
        return {"value": None, "band": ""}
    return {"value": context["score"], "band": context["band"]}
