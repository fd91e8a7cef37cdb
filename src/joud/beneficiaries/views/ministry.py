"""The ministry's overview: counts of cases by organization, category and status, and the open
duplicate alerts (never a case file)."""

from __future__ import annotations

from django.shortcuts import render

from joud.beneficiaries import access, selectors


@access.ministry_reviewer_required
def ministry_overview(request):
    context = selectors.ministry_overview()
    context["alerts"] = selectors.alerts_open_for_ministry()[:50]
    return render(request, "beneficiaries/ministry.html", context)
