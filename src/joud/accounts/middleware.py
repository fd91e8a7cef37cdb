"""Organization staff, ministry reviewers and site admins must pass TOTP in every session."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from joud.accounts.two_factor import (
    record_activation,
    session_passed_two_factor,
    totp_authenticator,
)

# Paths a staff member without TOTP may still open: setting it up, signing out, static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/", "/dev/outbox/", "/healthz")


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if request.path.startswith(_ALLOWED_PREFIXES):
            return self._after_activation(request, user)
        if not user.requires_two_factor:
            return self.get_response(request)
        if not is_mfa_enabled(user):
            return self._refuse(request, reverse("mfa_activate_totp"), "two_factor_required")
        if not session_passed_two_factor(request, user):
            # Signed in without the code step (an old session, a login that bypassed allauth):
            # the code is asked now, then the page they wanted.
            confirm = (
                f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
            )
            return self._refuse(request, confirm, "two_factor_not_passed")
        return self.get_response(request)

    def _after_activation(self, request, user):
        """Setting up TOTP proves a code from it: the session has passed two-factor."""
        activating = request.method == "POST" and request.path == reverse("mfa_activate_totp")
        activating = activating and user.requires_two_factor
        had_totp = activating and totp_authenticator(user) is not None
        response = self.get_response(request)
        activated = activating and not had_totp and response.status_code in (301, 302, 303)
        if activated and totp_authenticator(user) is not None:
            record_activation(request, user)
        return response

    @staticmethod
    def _refuse(request, where: str, code: str):
        if request.path.startswith("/api/"):
            message = _("Set up two-step verification before using the platform.")
            if code == "two_factor_not_passed":
                message = _("Confirm your two-step verification code before using the platform.")
            return JsonResponse({"error": message, "code": code}, status=403)
        if request.headers.get("HX-Request"):
            # htmx would swap the whole page into a fragment: send the browser there.
            return HttpResponse(status=204, headers={"HX-Redirect": where})
        return redirect(where)
