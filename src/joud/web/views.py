"""Thin views: read through selectors, write through services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from joud.accounts.permissions import ministry_required, organization_member_required
from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.web import selectors


@require_GET
def home(request):
    with scopes_disabled():  # the public page reads every organization's live initiatives
        context = selectors.home_page()
    context["today"] = timezone.localdate()
    return render(request, "web/home.html", context)


@login_required
def dashboard(request):
    return render(request, "web/dashboard.html", {})


@require_GET
def verify(request):
    code = (request.GET.get("code") or "").strip().upper()
    result = selectors.verify_code(code) if code else None
    return render(request, "web/verify.html", {"code": code, "result": result})


@organization_member_required()
def org_dashboard(request):
    from joud.campaigns.models import Initiative

    initiatives = Initiative.objects.all()  # scoped to request.organization by the decorator
    return render(
        request,
        "web/org_dashboard.html",
        {"organization": request.organization, "initiatives": initiatives},
    )


@ministry_required
def ministry_console(request):
    with scopes_disabled():
        context = selectors.national_counters()
    return render(request, "web/ministry_console.html", context)


@ministry_required
def audit_log_view(request):
    entries = AuditLogEntry.objects.select_related("actor", "organization")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    org = request.GET.get("organization", "").strip()
    if org.isdigit():
        entries = entries.filter(organization_id=int(org))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit_log.html", {"page": page, "action": action})


def outbox(request):
    """Developer outbox: every SMS and email the demo 'sent' (codes, receipts, gift cards)."""
    messages_ = OutboxMessage.objects.all()
    to = request.GET.get("to", "").strip()
    if to:
        messages_ = messages_.filter(to__icontains=to)
    return render(request, "dev/outbox.html", {"messages_list": messages_[:100], "to": to})


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request, template, status):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


def server_error(request):
    # No context processors that could fail again: a plain render of a self-contained template.
    from django.template import loader
    from django.utils.translation import get_language, get_language_bidi

    template = loader.get_template("errors/500.html")
    lang = (get_language() or "ar").split("-")[0]
    body = template.render({"LANG": lang, "DIR": "rtl" if get_language_bidi() else "ltr"})
    return HttpResponse(body, status=500)
