"""Webhook endpoint and the sandbox gateway's hosted checkout page."""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from joud.payments.webhooks import handle_webhook


@csrf_exempt
@require_POST
def webhook(request, provider: str):
    status, payload = handle_webhook(provider, request)
    return JsonResponse(payload, status=status)


def sandbox_checkout(request, reference: str):
    """The sandbox's hosted page: the payer decides what the "bank" answers."""
    from joud.payments.models import SandboxCharge
    from joud.payments.providers.sandbox import hosted
    from joud.payments.registry import get_provider

    if get_provider("sandbox") is None:
        raise Http404
    charge = get_object_or_404(SandboxCharge, reference=reference)
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
