"""Small helpers of the insights templates: the three breakdowns, Hijri years, cohort cells.
Numbers, shares and digits go through joud's one formatting module (``joud.core.money`` and
the ``number``/``percent``/``digits`` filters every template has)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from joud.core.dates import format_hijri_year
from joud.core.money import format_number, format_percent

register = template.Library()
EMPTY = mark_safe("<td></td>")


@register.filter
def breakdowns(board) -> list[dict]:
    return [
        {
            "key": "governorates",
            "title": _("By governorate"),
            "column": _("Governorate"),
            "alt": _("Money given per governorate; the table below has the same figures."),
            "rows": board.governorates,
        },
        {
            "key": "categories",
            "title": _("By category"),
            "column": _("Category"),
            "alt": _("Money given per category; the table below has the same figures."),
            "rows": board.categories,
        },
        {
            "key": "channels",
            "title": _("By channel"),
            "column": _("Channel"),
            "alt": _("Money given per channel; the table below has the same figures."),
            "rows": board.channels,
        },
    ]


@register.filter
def hijri_year(year) -> str:
    return format_hijri_year(int(year)) if year else ""


@register.simple_tag
def cohort_cell(row: dict, year: int):
    """The cell of ``row``'s cohort in ``year``: donors who gave again, and their share."""
    if year <= row["cohort"]:
        return EMPTY
    for cell in row["later"]:
        if cell["year"] == year:
            return format_html(
                '<td><bdi>{}</bdi> <span class="small text-body-secondary">({})</span></td>',
                format_number(cell["donors"]),
                format_html("<bdi>{}</bdi>", format_percent(cell["percent"])),
            )
    return EMPTY
