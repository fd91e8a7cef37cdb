"""The Django admin behind the site's own sign-in, and no authenticator secrets in it.

The admin's login form takes a password alone: it would skip the code step and allauth's rate
limits. Its login view now sends to the site's sign-in (allauth's ``secure_admin_login``); the
two-factor middleware then asks the code of any staff session that did not pass it.
"""

from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from django.contrib import admin


class AuthenticatorAdmin(admin.ModelAdmin):
    """Who has which kind of authenticator, read only: the secret (``data``) is never shown."""

    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields
    list_display = fields
    list_filter = ("type",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def secure_admin() -> None:
    """Called once the admin has discovered the apps' registrations (AccountsConfig.ready)."""
    if not getattr(admin.site.login, "joud_secured", False):
        admin.site.login = secure_admin_login(admin.site.login)
        admin.site.login.joud_secured = True
    if admin.site.is_registered(Authenticator):
        admin.site.unregister(Authenticator)
    admin.site.register(Authenticator, AuthenticatorAdmin)
