"""The sandbox gateway's hosted checkout page (the webhook endpoint is donations')."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render

from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox import hosted
from joud.payments.registry import get_provider
from joud.payments.selectors import sandbox_charge


def sandbox_checkout(request, reference: str):
    """The sandbox's hosted page: the payer decides what the "bank" answers."""
    if get_provider("sandbox") is None:
        raise Http404
    charge = sandbox_charge(reference)
    if charge is None:
        raise Http404
    if request.method == "POST" and charge.status == SandboxCharge.Status.OPEN:
        form = hosted.CheckoutForm(request.POST)
        if form.is_valid():
            hosted.complete(charge, **form.cleaned_data)
            return HttpResponseRedirect(charge.return_url)
    else:
        form = hosted.CheckoutForm()
    if charge.status != SandboxCharge.Status.OPEN and request.method == "GET":
        return HttpResponseRedirect(charge.return_url)
    return render(request, "payments/sandbox_checkout.html", {"charge": charge, "form": form})
