"""The charts' data islands: labels and series as numbers in text (never floats on the server),
with each value's formatted text for tooltips, and the page's direction and digits. The
template puts each island in a ``json_script``; ``joud/charts.js``, the platform's one chart
script, draws it."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joud.core.money import format_money, format_number, numbering_system

register = template.Library()


def _frame() -> dict:
    """Direction and the locale the browser formats the axes in: Arabic in the digits the
    person chose (Arabic-Indic unless they asked for Western ones)."""
    arabic = (get_language() or "ar").startswith("ar")
    return {"rtl": arabic, "locale": f"ar-OM-u-nu-{numbering_system()}" if arabic else "en-GB"}


def _money(label: str, values, colour: str) -> dict:
    values = list(values)
    return {
        "label": label,
        "values": [f"{v:.3f}" for v in values],
        "texts": [format_money(v) for v in values],
        "colour": colour,
    }


def _count(label: str, values, colour: str) -> dict:
    values = list(values)
    return {
        "label": label,
        "values": [str(v) for v in values],
        "texts": [format_number(v) for v in values],
        "colour": colour,
    }


def chart(labels, series, *, kind="bar", horizontal=False, stacked=False) -> dict:
    return {
        **_frame(),
        "type": kind,
        "horizontal": horizontal,
        "stacked": stacked,
        "labels": list(labels),
        "series": series,
    }


def charts_of(board) -> dict:
    green, amber, blue = "#0b6e4f", "#c77d1a", "#2f5d8a"
    months = board.months
    out = {
        "time": chart(
            [m.label for m in months],
            [_money(_("Amount given"), (m.amount for m in months), green)],
        ),
        "donors": chart(
            [m.label for m in months],
            [
                _count(_("New donors"), (m.new_donors for m in months), green),
                _count(
                    _("Gifts from returning donors"), (m.returning_gifts for m in months), amber
                ),
            ],
            stacked=True,
        ),
    }
    for key in ("governorates", "categories", "channels"):
        rows = getattr(board, key)[:12]
        out[key] = chart(
            [r.label for r in rows],
            [_money(_("Amount given"), (r.amount for r in rows), blue)],
            horizontal=True,
        )
    speed = [s for s in board.speed if s.average_days is not None]
    out["speed"] = chart(
        [s.label for s in speed],
        [
            {
                "label": _("Average days from request to payment"),
                "values": [str(s.average_days) for s in speed],
                "texts": [format_number(s.average_days) for s in speed],
                "colour": amber,
            }
        ],
    )
    return {f"chart-{key}": island for key, island in out.items()}
