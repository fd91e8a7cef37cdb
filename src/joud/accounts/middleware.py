"""Organization staff and ministry reviewers must have TOTP before they can use the platform."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.shortcuts import redirect
from django.urls import reverse

# Paths a staff member without TOTP may still open: setting it up, signing out, static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/", "/dev/outbox/")


class RequireStaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and user.requires_two_factor
            and not is_mfa_enabled(user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
