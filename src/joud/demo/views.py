"""The developer outbox: every SMS and email the demo 'sent', and the demo staff's TOTP codes."""

from __future__ import annotations

import time

import pyotp
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from joud.core.models import OutboxMessage
from joud.demo.world import DEMO_PASSWORD, DEMO_TOTP_SECRETS, USERS


def _demo_authenticator() -> dict:
    """The current TOTP code of each demo staff login, so someone trying the demo can sign in."""
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
