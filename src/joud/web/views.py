"""Thin views: read through selectors, write through services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from joud.accounts.permissions import ministry_required
from joud.core.models import AuditLogEntry, OutboxMessage


@login_required
def dashboard(request):
    return render(request, "web/dashboard.html", {})


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


def _demo_authenticator() -> dict:
    """The current TOTP code of each demo staff login, so someone trying the demo can sign in."""
    import time

    import pyotp
    from django.conf import settings
    from django.utils.translation import gettext as _

    from joud.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRETS, USERS

    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    roles = {email: role for email, _phone, _name, role in USERS}
    labels = {
        "admin": _("Association admin"),
        "finance": _("Finance officer"),
        "caseworker": _("Caseworker"),
        "coordinator": _("Volunteer coordinator"),
        "reviewer": _("Ministry reviewer"),
    }
    now = time.time()
    logins = [
        {
            "email": email,
            "role": labels.get(roles.get(email, ""), ""),
            "code": pyotp.TOTP(secret, interval=period).at(now),
        }
        for email, secret in DEMO_TOTP_SECRETS.items()
    ]
    return {"logins": logins, "seconds_left": period - int(now) % period, "password": DEMO_PASSWORD}


def outbox(request):
    """Developer outbox: every SMS and email the demo 'sent' (codes, receipts, gift cards)."""
    from django.conf import settings
    from django.http import Http404

    if not settings.JOUD_SHOW_OUTBOX:
        raise Http404
    messages_ = OutboxMessage.objects.all()
    to = request.GET.get("to", "").strip()
    if to:
        messages_ = messages_.filter(to__icontains=to)
    return render(
        request,
        "dev/outbox.html",
        {
            "messages_list": messages_[:100],
            "to": to,
            "demo_authenticator": _demo_authenticator(),
        },
    )


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
