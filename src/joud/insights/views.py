"""The insights pages: thin, each reads one selector and renders it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from joud.core.tenancy import scopes_disabled
from joud.insights import access, oman_map, priorities
from joud.insights.anomalies.reasons import describe, kind_label
from joud.insights.anomalies.services import anomaly_review
from joud.insights.cache import board_and_charts, ranked_places
from joud.insights.dashboards import PERIOD_LABELS, Filters
from joud.insights.donors.selectors import donor_report
from joud.insights.forecast.outlook import category_outlooks, forecast_outlook, goal_outlooks
from joud.insights.models import Anomaly
from joud.insights.recommend.selectors import initiative_by_code, suggested_initiatives


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
    context["outlook"] = forecast_outlook(scope="national")
    context["category_outlooks"] = category_outlooks(
        organization_id=None, given_labels=[c.label for c in context["board"].categories]
    )
    return render(request, "insights/ministry.html", context)


@require_GET
@access.organization_staff
def organization_dashboard(request):
    context = _board_context(request, request.organization.pk)
    context["organization"] = request.organization
    context["may_see_donors"] = access.may_see_donors(request.membership)
    context["outlook"] = forecast_outlook(scope="organization", key=str(request.organization.pk))
    context["goals"] = goal_outlooks(organization_id=request.organization.pk)
    context["category_outlooks"] = category_outlooks(
        organization_id=request.organization.pk,
        given_labels=[c.label for c in context["board"].categories],
    )
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


@require_GET
@access.ministry_only
def anomaly_queue(request):
    show = request.GET.get("show", "open")
    rows = Anomaly.objects.select_related("organization", "initiative").order_by("-raised_at")
    rows = rows.filter(state=Anomaly.State.OPEN) if show == "open" else rows
    items = [(a, describe(a), kind_label(a.kind)) for a in rows[:200]]
    return render(request, "insights/anomalies.html", {"items": items, "show": show})


@require_POST
@access.ministry_only
def anomaly_decide(request, pk):
    anomaly = get_object_or_404(Anomaly, pk=pk)
    anomaly_review(anomaly=anomaly, reviewer=request.user, decision=request.POST.get("decision"))
    return redirect("insights:anomalies")


@require_GET
@login_required
def for_you(request):
    suggestions = suggested_initiatives(user=request.user, limit=10)
    return render(request, "insights/for_you.html", {"suggestions": suggestions})


@require_GET
def suggested_after_gift(request):
    """The thank-you page's suggestions, fetched once the page is shown (htmx): what donors who
    gave to this initiative also gave to, and for a signed-in donor their own history too."""
    after = initiative_by_code(request.GET.get("after", ""))
    suggestions = suggested_initiatives(user=request.user, after=after, limit=4)
    return render(
        request,
        "insights/_recommendations.html",
        {"suggestions": suggestions, "suggestions_title": _("Others you may want to support")},
    )
