"""The style guide (/dev/styleguide/, the demo only): the components, colours, type, numbers and
dates the pages are built from, in both languages. Every figure on it comes from the one
formatting module (``joud.core.money``, ``joud.core.dates``) or its template filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.shortcuts import render
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from joud.campaigns.models import Initiative
from joud.core.dates import format_dual_date, format_hijri_year, format_moment
from joud.core.money import format_money, format_number, format_percent, plural_count

COLOURS = [
    ("--joud-green", "#0b6e4f", _("Brand green: buttons, links, live states, key figures")),
    ("--joud-green-dark", "#08533b", _("Dark green: hover, figures' values")),
    ("--joud-sand", "#f6f1e7", _("Sand: the page's background")),
    ("#e8f5ee", "#e8f5ee", _("Pale green: tabs on hover, scores")),
    ("#a52834", "#a52834", _("Red: danger, overdue, refused")),
    ("#664d03", "#664d03", _("Amber on pale yellow: waiting for someone")),
    ("#5c636a", "#5c636a", _("Secondary text (4.5:1 on white and sand)")),
]

MONEY = ["5", "7.25", "0.5", "1234.5", "250000", "1000000"]
NUMBERS = [("12345", None), ("2.5", None), ("21.94", 1)]
PERCENTS = ["2", "2.5", "97.25"]
COUNTS = [0, 1, 2, 3, 11, 100]


def _count(n: int) -> str:
    return ngettext("%(n)s initiative", "%(n)s initiatives", plural_count(n)) % {
        "n": format_number(n)
    }


def _examples(lang: str, today: dt.date, now: dt.datetime) -> dict[str, list[str]]:
    with translation.override(lang):
        return {
            "money": [format_money(Decimal(v)) for v in MONEY],
            "numbers": [format_number(Decimal(v), places=p) for v, p in NUMBERS],
            "percents": [format_percent(Decimal(v)) for v in PERCENTS],
            "counts": [_count(n) for n in COUNTS],
            "dates": [format_dual_date(today), format_moment(now), format_hijri_year(1448)],
        }


@require_safe
def styleguide(request):
    today = timezone.localdate()
    now = timezone.now()
    examples = {lang: _examples(lang, today, now) for lang in ("ar", "en")}
    rows = {
        key: list(zip(examples["ar"][key], examples["en"][key], strict=True))
        for key in examples["ar"]
    }
    context = {
        "colours": COLOURS,
        "rows": rows,
        "money_values": [Decimal(v) for v in MONEY],
        "counts": COUNTS,
        "today": today,
        "now": now,
        "states": Initiative.State.choices,
    }
    return render(request, "dev/styleguide.html", context)


urlpatterns = [path("", styleguide, name="dev_styleguide")]
