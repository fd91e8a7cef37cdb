"""The insights pages: thin, each reads one selector and renders it."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from joud.core.tenancy import scopes_disabled
from joud.insights import access, oman_map, priorities
from joud.insights.cache import board_and_charts, ranked_places
from joud.insights.dashboards import PERIOD_LABELS, Filters
from joud.insights.donors.selectors import donor_report


def _board_context(request, organization_id):
    filters = Filters.from_query(request.GET)
    board, charts = board_and_charts(organization_id=organization_id, filters=filters)
    return {
        "filters": filters,
        "periods": list(PERIOD_LABELS.items()),
        "board": board,
        "charts": charts,
    }


@require_GET
@access.ministry_only
def ministry_dashboard(request):
    with scopes_disabled():
        context = _board_context(request, None)
    return render(request, "insights/ministry.html", context)


@require_GET
@access.organization_staff
def organization_dashboard(request):
    context = _board_context(request, request.organization.pk)
    context["organization"] = request.organization
    context["may_see_donors"] = access.may_see_donors(request.membership)
    return render(request, "insights/organization.html", context)


@require_GET
@access.donor_officers
def organization_donors(request):
    report = donor_report(organization_id=request.organization.pk)
    return render(
        request, "insights/donors.html", {"organization": request.organization, "report": report}
    )


@require_GET
@access.ministry_only
def priorities_map(request):
    choices = priorities.categories()
    category = request.GET.get("category", "")
    if category not in dict(choices):
        category = ""
    governorates, wilayats = ranked_places(category=category)
    context = {
        "category": category,
        "categories": choices,
        "governorates": governorates,
        "wilayats": wilayats[:20],
        "mapped": [g for g in governorates if g.path],
        "map_width": oman_map.WIDTH,
        "map_height": oman_map.HEIGHT,
    }
    return render(request, "insights/priorities.html", context)
