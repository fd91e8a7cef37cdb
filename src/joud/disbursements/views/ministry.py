"""The ministry's queue of payments above the threshold, and its decision on each."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.disbursements import selectors, services
from joud.disbursements.forms import ReasonForm
from joud.ministry.access import ministry_required


@ministry_required
def ministry_queue(request):
    return render(
        request,
        "disbursements/ministry_queue.html",
        {"items": selectors.ministry_queue(), "threshold": services.ministry_threshold()},
    )


@ministry_required
def ministry_detail(request, reference: str):
    item = get_object_or_404(selectors.ministry_disbursement(reference))
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        approve = request.POST.get("decision") == "approve"
        if approve or form.is_valid():
            try:
                services.disbursement_ministry_decide(
                    disbursement=item,
                    actor=request.user,
                    approve=approve,
                    reason="" if approve else form.cleaned_data["reason"],
                )
            except BusinessError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("Your decision is recorded."))
                return redirect("disbursements:ministry_queue")
    evidence = selectors.disbursement_evidence(item)
    return render(
        request,
        "disbursements/ministry_detail.html",
        {"item": item, "form": form, "evidence": evidence},
    )
