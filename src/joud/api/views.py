"""The organization dashboard's "API and webhooks" pages: tokens (created, shown once, revoked)
and webhook endpoints with their delivery log. The administrator only, inside the scope."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.api import selectors, services
from joud.api.forms import MinistryTokenForm, TokenForm, WebhookForm
from joud.api.webhooks import services as webhooks
from joud.api.webhooks.signing import HEADER
from joud.core.errors import BusinessError
from joud.ministry.access import ministry_required
from joud.organizations.access import ADMIN, organization_member_required

admin_required = organization_member_required(ADMIN)


@admin_required
def tokens(request):
    org = request.organization
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.token_create(
                organization=org,
                actor=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except BusinessError as exc:
            form.add_error(None, str(exc))
        else:
            created = {"token": token, "value": raw}
            form = TokenForm()
    status = 400 if request.method == "POST" and created is None else 200
    context = {"organization": org, "form": form, "tokens": selectors.tokens_of(org)}
    return render(request, "api/tokens.html", {**context, "created": created}, status=status)


@require_POST
@admin_required
def token_revoke(request, pk: int):
    token = get_object_or_404(selectors.tokens_of(request.organization), pk=pk)
    services.token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token is revoked: it no longer opens anything."))
    return redirect("api:tokens")


@admin_required
def webhook_list(request):
    org = request.organization
    form = WebhookForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = webhooks.endpoint_create(
                organization=org,
                actor=request.user,
                url=form.cleaned_data["url"],
                chosen=form.cleaned_data["events"],
            )
        except BusinessError as exc:
            form.add_error("url" if exc.field == "url" else None, str(exc))
        else:
            created = {"endpoint": endpoint, "secret": secret}
            form = WebhookForm()
    status = 400 if request.method == "POST" and created is None else 200
    context = {
        "organization": org,
        "form": form,
        "endpoints": selectors.endpoints_of(org),
        "created": created,
        "signature_header": HEADER,
    }
    return render(request, "api/webhooks.html", context, status=status)


@admin_required
def webhook_detail(request, pk: int):
    endpoint = get_object_or_404(selectors.endpoints_of(request.organization), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("on", "off"):
            webhooks.endpoint_set_active(
                endpoint=endpoint, actor=request.user, active=action == "on"
            )
            return redirect("api:webhook", pk=endpoint.pk)
        if action == "delete":
            webhooks.endpoint_delete(endpoint=endpoint, actor=request.user)
            messages.success(request, _("The webhook is deleted."))
            return redirect("api:webhooks")
        messages.error(request, _("Choose what to do."))
    deliveries = selectors.deliveries_of(endpoint)[:50]
    return render(
        request,
        "api/webhook.html",
        {"organization": request.organization, "endpoint": endpoint, "deliveries": deliveries},
    )


@require_POST
@admin_required
def webhook_again(request, pk: int, delivery: int):
    endpoint = get_object_or_404(selectors.endpoints_of(request.organization), pk=pk)
    found = get_object_or_404(selectors.deliveries_of(endpoint), pk=delivery)
    try:
        webhooks.webhook_replay(delivery=found, actor=request.user)
    except BusinessError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The delivery will be sent again in a few seconds."))
    return redirect("api:webhook", pk=endpoint.pk)


@ministry_required
def ministry_tokens(request):
    """The ministry's own tokens, issued by a ministry officer (each acts in its issuer's name)
    and revocable by any of them."""
    form = MinistryTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.ministry_token_create(
                officer=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except BusinessError as exc:
            form.add_error(None, str(exc))
        else:
            created = {"token": token, "value": raw}
            form = MinistryTokenForm()
    status = 400 if request.method == "POST" and created is None else 200
    context = {"form": form, "tokens": selectors.ministry_tokens(), "created": created}
    return render(request, "api/ministry_tokens.html", context, status=status)


@require_POST
@ministry_required
def ministry_token_revoke(request, pk: int):
    token = get_object_or_404(selectors.ministry_tokens(), pk=pk)
    services.ministry_token_revoke(token=token, officer=request.user)
    messages.success(request, _("The token is revoked: it no longer opens anything."))
    return redirect("api:ministry_tokens")
