"""allauth adapter: phone numbers live on our User; codes go out through Joud's SMS backend."""

from __future__ import annotations

import datetime as dt
import time
from types import SimpleNamespace

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from joud.accounts.models import User
from joud.accounts.notifications import SIGN_IN_CODE
from joud.accounts.phone import normalize_omani_phone
from joud.core.messaging import send_email
from joud.core.notify import Recipient, notify


class OmaniPhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "inputmode": "tel",
                "autocomplete": "tel",
                "placeholder": "9XXX XXXX",
                "dir": "ltr",
            }
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return normalize_omani_phone(value)


def _setting_up_mfa_right_after_sign_in() -> bool:
    """Signed in within the reauthentication window, with no authenticator older than that."""
    request = allauth_context.request
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    if not records or time.time() - records[-1]["at"] >= app_settings.REAUTHENTICATION_TIMEOUT:
        return False
    signed_in_at = dt.datetime.fromtimestamp(records[-1]["at"], tz=dt.UTC)
    return not Authenticator.objects.filter(user=user, created_at__lt=signed_in_at).exists()


def role_home_url(user) -> str:
    """Where a person lands after signing in: reviewers the ministry, staff their organization."""
    if user.is_ministry_reviewer:
        return reverse("web:ministry_console")
    if user.memberships.filter(is_active=True).exists():
        return reverse("web:org_dashboard")
    return reverse("web:dashboard")


class JoudAccountAdapter(DefaultAccountAdapter):
    # Clearer wording than allauth's for the messages people meet most on a phone.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "incorrect_code": gettext_lazy(
            "This code is not correct. Check the latest message we sent you and try again."
        ),
        "too_many_login_attempts": gettext_lazy(
            "Too many failed attempts. For your safety, wait a few minutes and try again."
        ),
        "rate_limited": gettext_lazy(
            "You are sending too many requests. Please wait a minute and try again."
        ),
        "phone_password_mismatch": gettext_lazy(
            "The mobile number or the password is not correct."
        ),
        "email_password_mismatch": gettext_lazy("The email or the password is not correct."),
        "unknown_phone": gettext_lazy("No Joud account uses this mobile number."),
        "phone_taken": gettext_lazy("An account already uses this mobile number."),
        "email_taken": gettext_lazy("An account already uses this email."),
    }

    def get_login_redirect_url(self, request):
        return role_home_url(request.user)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """No second password prompt while setting up two-factor right after signing in.

        allauth asks to reauthenticate before adding an authenticator (and before showing the
        recovery codes) even a minute after the sign-in; staff whom the middleware sends to the
        TOTP setup have just signed in.
        """
        if app == "allauth.mfa" and _setting_up_mfa_right_after_sign_in():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails (sign-in codes, confirmations) through Joud's pluggable email backend."""
        request = allauth_context.request
        # allauth greets "from {site name}": Joud, not the bare host (no django.contrib.sites).
        site = SimpleNamespace(name=_("Joud"), domain=get_current_site(request).domain)
        ctx = {"request": request, "email": email, "current_site": site}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        send_email(to=email, subject=message.subject, body=message.body, html_body=html)

    def format_email_subject(self, subject) -> str:
        return f"{_('Joud')} · {subject}"

    def phone_form_field(self, **kwargs):
        return OmaniPhoneField(**kwargs)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        # Now, not after the commit: the person is waiting on the page for this code.
        notify(_asker(phone), SIGN_IN_CODE, {"code": code}, deferred=False)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        """Nothing: a text to any number typed into the form would let anyone make the platform
        pay for SMS to numbers of their choosing (SMS pumping). The page says "if the number is
        registered", so the asker learns nothing either way."""

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = normalize_omani_phone(phone)
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user, phone: str) -> None:
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str):
        try:
            phone = normalize_omani_phone(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone, is_active=True).first()


def _asker(phone: str) -> Recipient:
    """Whoever asked for a code, reading the language of the page they asked from."""
    return Recipient(phone=phone, language=get_language() or "ar")
