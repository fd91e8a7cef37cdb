"""``{% money_statement initiative=… %}`` / ``{% money_statement organization=… %}``: the public
money-in / money-out of one initiative or organization (figures, month-by-month chart with its
table, each payment out, the initiative's timeline, CSV and JSON links), for the pages under
/ledger/ without the donations app importing this one."""

from __future__ import annotations

from babel.dates import format_date
from django import template
from django.urls import reverse
from django.utils.translation import get_language

from joud.core.money import babel_locale, format_money, localize_digits
from joud.transparency.public_money import statement, timeline

register = template.Library()


def month_label(month, language: str | None = None) -> str:
    return localize_digits(format_date(month, "MMMM y", locale=babel_locale(language)), language)


def chart_island(item) -> dict:
    """What the chart script reads: month labels, two series (given in, paid out) as numbers in
    text (never floats on the server), their formatted amounts for the tooltips, and the
    page's direction and digit system."""
    arabic = (get_language() or "ar").startswith("ar")
    return {
        "rtl": arabic,
        "locale": "ar-OM-u-nu-arab" if arabic else "en-GB",
        "labels": [month_label(month) for month, _f in item.months],
        "series": [
            {
                "key": "in",
                "values": [f"{f.given:.3f}" for _m, f in item.months],
                "texts": [format_money(f.given) for _m, f in item.months],
            },
            {
                "key": "out",
                "values": [f"{f.spent:.3f}" for _m, f in item.months],
                "texts": [format_money(f.spent) for _m, f in item.months],
            },
        ],
    }


@register.inclusion_tag("finance/_statement.html", takes_context=True)
def money_statement(context, initiative=None, organization=None, item=None):
    item = item or statement(initiative=initiative, organization=organization)
    if item.initiative is not None:
        code = item.initiative.public_code
        csv_url = reverse("transparency:initiative_money_csv", args=[code])
        json_url = reverse("transparency:initiative_money_json", args=[code])
    else:
        slug = item.organization.slug
        csv_url = reverse("transparency:organization_money_csv", args=[slug])
        json_url = reverse("transparency:organization_money_json", args=[slug])
    return {
        "statement": item,
        "t": item.totals,
        "moved_in": max(item.totals.transfers, 0),
        "moved_out": max(-item.totals.transfers, 0),
        "chart": chart_island(item),
        "months": [(month_label(m), f) for m, f in item.months],
        "csv_url": csv_url,
        "json_url": json_url,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.inclusion_tag("finance/_timeline.html")
def money_timeline(initiative):
    """The initiative's "collected → first purchase → delivered → report published", alone
    (for the initiative's own page)."""
    return {"steps": timeline(initiative)}
