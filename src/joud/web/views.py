"""Thin views: read through selectors, write through services."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from joud.accounts.permissions import ministry_required
from joud.core.audit_display import describe
from joud.core.audit_display.phrases import GROUPS as AUDIT_GROUPS
from joud.core.money import DIGIT_SYSTEMS, DIGITS_COOKIE
from joud.ministry.selectors import audit_entries
from joud.web.health import readiness


@ministry_required
def audit_log_view(request):
    groups = dict(AUDIT_GROUPS)
    action = request.GET.get("action", "").strip()
    if action not in groups:
        action = ""  # only the listed groups: a hand-typed prefix is not a filter people read
    entries = audit_entries(action=action, organization=request.GET.get("organization", "").strip())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "lines": describe(page.object_list),
        "action": action,
        "groups": AUDIT_GROUPS,
    }
    return render(request, "web/audit_log.html", context)


@require_POST
def set_digits(request):
    """Western or Arabic-Indic digits on Arabic pages, remembered for a year in a cookie (signed in
    or not: the choice belongs to the device, like the language)."""
    system = request.POST.get("digits")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if system in DIGIT_SYSTEMS:
        response.set_cookie(
            DIGITS_COOKIE,
            system,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
    return response


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on every site whatever the page links: the icon."""
    return HttpResponseRedirect(static("joud/icons/favicon.ico"))


@require_safe
def manifest(request):
    """The web app manifest: the platform added to a phone's home screen, in the visitor's
    language and direction."""
    lang = (get_language() or "ar").split("-")[0]
    icons = [
        {"src": static("joud/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("joud/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("joud/icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "name": _("Joud national charity platform"),
        "short_name": _("Joud"),
        "description": _(
            "Give to licensed charities in Oman, securely, and see where your money went."
        ),
        "lang": lang,
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f1e7",
        "theme_color": "#0b6e4f",
        "icons": icons,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


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
