"""The donor's space ("My giving", the bottom bar's تبرعاتي): totals this Hijri year and all time,
what the gifts went to by month and by category, the receipts by Hijri year, page by page, and the
plans with their next charge."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joud.campaigns.models import Category
from joud.core.bounds import HIJRI_YEARS, bounded_int
from joud.core.dates import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, format_hijri_year, to_hijri
from joud.core.money import format_money, numbering_system
from joud.donations.models import Donation
from joud.insights.recommend.selectors import suggested_initiatives
from joud.obligations.selectors import obligation_labels
from joud.web import selectors

PER_PAGE = 20
RECEIPT_STATES = (
    Donation.State.CONFIRMED,
    Donation.State.PARTIALLY_REFUNDED,
    Donation.State.REFUNDED,
)


def category_label(target: str, category: str) -> str:
    if target == Donation.Target.INITIATIVE and category in Category.values:
        return str(Category(category).label)
    if target == Donation.Target.ZAKAT:
        return _("Zakat funds")
    if target == Donation.Target.CASE:
        return _("Verified cases")
    if target == Donation.Target.FITR:
        return _("Zakat al-Fitr")
    if target == Donation.Target.WAQF:
        return _("Endowments (waqf)")
    return _("General funds of organizations")


def by_category(rows) -> list[tuple[str, Decimal]]:
    """The category rows merged by label (two targets may read the same), largest first."""
    merged: dict[str, Decimal] = {}
    for target, category, total in rows:
        label = category_label(target, category)
        merged[label] = merged.get(label, Decimal("0.000")) + total
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


def chart_island(labels: list[str], values: list[Decimal], key: str, **extra) -> dict:
    """What ``joud/charts.js`` reads (the one chart script): labels, one series as
    numbers in text (never floats on the server) with their formatted amounts for the tooltips,
    the page's direction and digit system."""
    lang = (get_language() or "ar").split("-")[0]
    arabic = lang == "ar"
    return {
        "rtl": arabic,
        "locale": f"ar-OM-u-nu-{numbering_system(lang)}" if arabic else "en-GB",
        "labels": labels,
        "series": [
            {
                "key": key,
                "values": [f"{v:.3f}" for v in values],
                "texts": [format_money(v) for v in values],
            }
        ],
        **extra,
    }


def year_choices(first_year: int | None, this_year: int) -> list[tuple[int, str]]:
    start = min(first_year or this_year, this_year)
    return [(y, format_hijri_year(y)) for y in range(this_year, start - 1, -1)]


@login_required
def donor_space(request):
    user = request.user
    this_year = to_hijri(timezone.localdate())[0]
    raw_year = request.GET.get("year", "")
    if raw_year == "all":
        year = None
    else:
        year = bounded_int(raw_year, low=HIJRI_YEARS.start, high=HIJRI_YEARS.stop - 1)
        year = this_year if year is None else year
    chart_year = this_year if year is None else year
    summary = selectors.giving_summary(user, year=this_year)
    chart_summary = (
        summary if chart_year == this_year else selectors.giving_summary(user, year=chart_year)
    )
    months = HIJRI_MONTHS_AR if (get_language() or "ar").startswith("ar") else HIJRI_MONTHS_EN
    month_rows = list(zip(months, chart_summary.months, strict=True))
    categories = by_category(selectors.giving_by_category(user, year=year))
    page = Paginator(selectors.donor_receipts(user, year=year), PER_PAGE).get_page(
        request.GET.get("page")
    )
    # Zakat al-fitr and expiations are donations: the list names what each one paid.
    labels = obligation_labels(page.object_list)
    for donation in page.object_list:
        donation.obligation_label = labels.get(donation.pk, "")
    return render(
        request,
        "web/donor_space.html",
        {
            "summary": summary,
            "this_year": this_year,
            "year": year,
            "chart_year": chart_year,
            "years": year_choices(summary.first_year, this_year),
            "month_rows": month_rows,
            "month_chart": chart_island(list(months), chart_summary.months, "given")
            if chart_summary.in_year
            else None,
            "categories": categories,
            "category_chart": chart_island(
                [label for label, _t in categories],
                [total for _l, total in categories],
                "given",
                horizontal=True,
            )
            if categories
            else None,
            "page": page,
            "receipt_states": RECEIPT_STATES,
            "plans": list(selectors.donor_plans(user)),
            "suggestions": suggested_initiatives(user=user, limit=4),
            "year_query": "all" if year is None else str(year),
        },
    )
