"""The public side: open opportunities, an opportunity's page, leaderboards."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joud.volunteering import selectors
from joud.volunteering.forms import OpportunityFilterForm


@require_GET
def home(request):
    form = OpportunityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    opportunities = selectors.open_opportunities(
        wilayat=filters.get("wilayat"), skill=filters.get("skill", ""), query=filters.get("q", "")
    )
    return render(
        request,
        "volunteering/home.html",
        {"form": form, "opportunities": opportunities},
    )


@require_GET
def opportunity_detail(request, pk: int):
    found = selectors.opportunity_public(pk, user=request.user)
    if found is None:
        raise Http404
    opportunity, shifts = found
    profile = selectors.profile_of(request.user)
    return render(
        request,
        "volunteering/opportunity.html",
        {"opportunity": opportunity, "shifts": shifts, "profile": profile},
    )


@require_GET
def leaderboards(request):
    kind = request.GET.get("by", "school")
    if kind not in selectors.LEADERBOARD_KINDS:
        kind = "school"
    key = request.GET.get("key", "")
    groups = selectors.leaderboard_groups(kind)
    selected = next((g for g in groups if g["key"] == key), None)
    people = selectors.leaderboard_people(kind, key) if selected else []
    return render(
        request,
        "volunteering/leaderboards.html",
        {"kind": kind, "groups": groups, "selected": selected, "people": people},
    )
