"""Thin views: read through selectors, write through services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language, get_language_bidi

from joud.accounts.permissions import ministry_required
from joud.ministry.selectors import audit_entries
from joud.web.health import readiness


@login_required
def dashboard(request):
    return render(request, "web/dashboard.html", {})


@ministry_required
def audit_log_view(request):
    action = request.GET.get("action", "").strip()
    entries = audit_entries(action=action, organization=request.GET.get("organization", "").strip())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "web/audit_log.html", {"page": page, "action": action})


def healthz(request):
    """Liveness: the process answers. No database: a database outage must not restart every node."""
    return JsonResponse({"status": "ok"})


def readyz(request):
    """Readiness: 200 when this node can serve, else 503 naming each failing check."""
    ready, checks = readiness()
    failing = [name for name, result in checks.items() if not result["ok"]]
    return JsonResponse(
        {"status": "ok" if ready else "fail", "failing": failing, "checks": checks},
        status=200 if ready else 503,
    )


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
    template = loader.get_template("errors/500.html")
    lang = (get_language() or "ar").split("-")[0]
    body = template.render({"LANG": lang, "DIR": "rtl" if get_language_bidi() else "ltr"})
    return HttpResponse(body, status=500)
