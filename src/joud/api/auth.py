"""Who is calling: an organization's token (``Authorization: Bearer joud_…``), its scopes, and
how often it and its address may call, counted on the shared cache.

Tokens are long random secrets, so a plain SHA-256 is what is kept (a slow password hash would
only slow every request). A missing or unknown token is refused with 403 and the API's error
body; its last use is written at most once a minute.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from joud.api.errors import (
    SCOPE_MISSING,
    TOKEN_INVALID,
    TOKEN_REQUIRED,
    TOKEN_WRONG_KIND,
    ApiError,
)
from joud.api.models import ApiToken, MinistryToken
from joud.core.tenancy import scopes_disabled
from joud.core.workflow import is_ministry_reviewer

TOKEN_HELP = "tokens are created in the organization dashboard, under API tokens"  # noqa: S105 (a sentence)
PREFIX = "joud_"
MINISTRY_PREFIX = "joudmin_"  # a ministry token; never opens an organization's addresses
LAST_USED_EVERY = dt.timedelta(minutes=1)

# Areas a token may be given, each read or write (write includes read).
AREAS = {
    "donations": _("Donations (donors who agreed to be known)"),
    "disbursements": _("Disbursements"),
    "cases": _("Cases (counts and statuses only)"),
    "volunteers": _("Volunteers and hours"),
    "webhooks": _("Webhooks"),
    "exports": _("Exports (CSV downloads of donations, disbursements and hours)"),
}
LEVELS = ("read", "write")
SCOPES = [f"{area}:{level}" for area in AREAS for level in LEVELS]

# A ministry token's areas: the queues and decisions of the console, each read or write.
MINISTRY_AREAS = {
    "licences": _("Licence applications (queue and decisions)"),
    "initiatives": _("Campaign approvals (queue and decisions)"),
    "complaints": _("Complaints from the public (queue and decisions)"),
}
MINISTRY_SCOPES = [f"{area}:{level}" for area in MINISTRY_AREAS for level in LEVELS]


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def has_scope(token: ApiToken | MinistryToken, area: str, level: str = "read") -> bool:
    granted = set(token.scopes or ())
    return f"{area}:{level}" in granted or (level == "read" and f"{area}:write" in granted)


def require_scope(request, area: str, level: str = "read"):
    token = request.auth
    if not has_scope(token, area, level):
        raise ApiError(403, "scope_missing", SCOPE_MISSING)
    return token


class TokenAuth(HttpBearer):
    openapi_description = "An organization's API token: Authorization: Bearer joud_…"

    def __call__(self, request):
        if not request.headers.get("Authorization", "").strip():
            raise ApiError(403, "token_required", TOKEN_REQUIRED)
        return super().__call__(request)

    def authenticate(self, request, token: str) -> ApiToken:
        token = (token or "").strip()
        if token.startswith(MINISTRY_PREFIX):
            raise ApiError(403, "token_wrong_kind", TOKEN_WRONG_KIND)
        found = None
        if token.startswith(PREFIX) and len(token) < 100 and token.isascii():
            with scopes_disabled():
                found = (
                    ApiToken.objects.select_related("organization")
                    .filter(digest=digest(token))
                    .first()
                )
        if found is None or not found.is_usable:
            raise ApiError(403, "token_invalid", TOKEN_INVALID)
        _mark_used(ApiToken.unscoped, found)
        return found


def _mark_used(manager, found) -> None:
    now = timezone.now()
    if found.last_used_at is None or found.last_used_at < now - LAST_USED_EVERY:
        manager.filter(pk=found.pk).update(last_used_at=now)


class MinistryTokenAuth(TokenAuth):
    """A ministry token (``joudmin_…``): acts for the ministry officer who issued it, and only
    while that officer is still an active ministry reviewer."""

    openapi_description = "A ministry API token: Authorization: Bearer joudmin_…"

    def authenticate(self, request, token: str) -> MinistryToken:
        token = (token or "").strip()
        if token.startswith(PREFIX):
            raise ApiError(403, "token_wrong_kind", TOKEN_WRONG_KIND)
        found = None
        if token.startswith(MINISTRY_PREFIX) and len(token) < 100 and token.isascii():
            found = (
                MinistryToken.objects.select_related("created_by")
                .filter(digest=digest(token))
                .first()
            )
        if (
            found is None
            or not found.is_usable
            or found.created_by is None
            or not found.created_by.is_active
            or not is_ministry_reviewer(found.created_by)
        ):
            raise ApiError(403, "token_invalid", TOKEN_INVALID)
        _mark_used(MinistryToken.objects, found)
        return found


def _rate(name: str, default: str) -> tuple[int, int]:
    """``"120/60"``: 120 requests per 60 seconds (from settings, else the default)."""
    count, seconds = str(getattr(settings, name, default)).split("/")
    return int(count), int(seconds)


def _count(key: str, seconds: int) -> int:
    """This window's count after adding one: atomic on Redis (add, then incr)."""
    window = int(timezone.now().timestamp()) // seconds
    key = f"joud:api:rate:{key}:{window}"
    if cache.add(key, 1, seconds + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, seconds + 1)
        return 1


class _WindowThrottle(BaseThrottle):
    setting = ""
    default = ""

    def ident(self, request) -> str | None:
        raise NotImplementedError

    def allow_request(self, request) -> bool:
        ident = self.ident(request)
        if ident is None:
            return True
        limit, seconds = _rate(self.setting, self.default)
        return _count(ident, seconds) <= limit

    def wait(self) -> float:
        return float(_rate(self.setting, self.default)[1])


class AddressThrottle(_WindowThrottle):
    """Per client address (as the rest of the site sees it, behind the trusted proxy)."""

    setting, default = "JOUD_API_RATE_PER_ADDRESS", "120/60"

    def ident(self, request) -> str:
        try:
            address = get_adapter(request).get_client_ip(request) or "unknown"
        except PermissionDenied:  # no address at all (allauth refuses): one shared count
            address = "unknown"
        return "ip:" + hashlib.sha256(address.encode()).hexdigest()[:32]


class TokenThrottle(_WindowThrottle):
    """Per token, wherever it calls from."""

    setting, default = "JOUD_API_RATE_PER_TOKEN", "600/60"

    def ident(self, request) -> str | None:
        token = getattr(request, "auth", None)
        if isinstance(token, MinistryToken):
            return f"ministry-token:{token.pk}"
        return f"token:{token.pk}" if isinstance(token, ApiToken) else None
