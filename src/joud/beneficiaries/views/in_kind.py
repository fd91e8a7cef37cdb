"""The organization's list of goods offered for its published cases, and moving an offer on."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from joud.beneficiaries import access, selectors, services
from joud.beneficiaries.models import InKindOffer
from joud.core.errors import BusinessError


@access.caseworker_required
def offers(request):
    if request.method == "POST":
        offer = get_object_or_404(
            selectors.offers_for_organization(request.organization), pk=request.POST.get("offer")
        )
        try:
            services.inkind_advance(offer=offer, actor=request.user, to=request.POST.get("to", ""))
            messages.success(request, _("Offer updated."))
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        return redirect("beneficiaries:offers")
    return render(
        request,
        "beneficiaries/offers.html",
        {
            "offers": selectors.offers_for_organization(request.organization)[:100],
            "transitions": services.INKIND_TRANSITIONS,
            "Status": InKindOffer.Status,
        },
    )
