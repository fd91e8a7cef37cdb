"""The ministry's ranking of organizations by performance score, with filters and a CSV export
(every cell made safe for spreadsheets)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from joud.accounts.permissions import ministry_required
from joud.core.spreadsheet import safe_row
from joud.geo.models import Governorate
from joud.organizations.models import Organization
from joud.transparency import display
from joud.transparency.quarters import Quarter
from joud.transparency.scorecards import card_of, current_quarter_key, ranking


def _filters(request) -> dict:
    governorate = request.GET.get("governorate", "").strip()
    kind = request.GET.get("kind", "").strip()
    codes = set(Governorate.objects.values_list("code", flat=True))
    return {
        "governorate": governorate if governorate in codes else "",
        "kind": kind if kind in Organization.Kind.values else "",
    }


def _rows(filters: dict) -> list[dict]:
    rows = []
    for position, row in enumerate(ranking(**filters), start=1):
        card = card_of(row)
        rows.append(
            {
                "position": position if row.score is not None else None,
                "row": row,
                "band": display.band(row.score),
                "band_class": display.band_class(row.score),
                "percentile": display.percent(row.percentile / 100)
                if row.percentile is not None
                else "",
                "weakest": [p.indicator.title for p in card.to_raise(2)],
            }
        )
    return rows


@require_safe
@ministry_required
def ranking_page(request):
    filters = _filters(request)
    key = current_quarter_key()
    quarter = Quarter.parse(key) if key else None
    return render(
        request,
        "transparency/scorecard_ranking.html",
        {
            "rows": _rows(filters),
            "filters": filters,
            "governorates": Governorate.objects.order_by("position"),
            "kinds": Organization.Kind.choices,
            "quarter": quarter,
        },
    )


@require_safe
@ministry_required
def ranking_csv(request):
    filters = _filters(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="joud-scorecards.csv"'
    response.write("\ufeff")  # spreadsheet programs read the Arabic names as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("rank"),
            _("organization"),
            _("kind"),
            _("governorate"),
            _("quarter"),
            _("score"),
            _("percentile within its kind"),
            _("measured share"),
            _("computed on"),
        ]
    )
    for item in _rows(filters):
        row, org = item["row"], item["row"].organization
        writer.writerow(
            safe_row(
                [
                    item["position"] or "",
                    org.name,
                    org.get_kind_display(),
                    org.governorate.name,
                    row.quarter,
                    "" if row.score is None else row.score,
                    "" if row.percentile is None else row.percentile,
                    str(row.coverage),
                    row.computed_on.isoformat(),
                ]
            )
        )
    return response
