"""Organization staff and ministry reviewers must have TOTP before they can use the platform."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a staff member without TOTP may still open: setting it up, signing out, static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/i18n/", "/dev/outbox/", "/healthz")


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
            setup = reverse("mfa_activate_totp")
            if request.path.startswith("/api/"):
                message = _("Set up two-step verification before using the platform.")
                return JsonResponse({"error": message, "code": "two_factor_required"}, status=403)
            if request.headers.get("HX-Request"):
                # htmx would swap the whole setup page into a fragment: send the browser there.
                return HttpResponse(status=204, headers={"HX-Redirect": setup})
            return redirect(setup)
        return self.get_response(request)
