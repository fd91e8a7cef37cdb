"""Tokens: created (shown once, kept hashed) and revoked by the organization's administrator."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.api.auth import MINISTRY_PREFIX, MINISTRY_SCOPES, PREFIX, SCOPES, digest
from joud.api.models import ApiToken, MinistryToken
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.ministry.access import require_reviewer

MAX_DAYS = 365


def token_create(
    *, organization, actor, name: str, scopes: list[str], days: int
) -> tuple[ApiToken, str]:
    """A new token and its value (the only time it is seen: only its hash is kept)."""
    name, scopes = _checked(name, scopes, days, SCOPES)
    prefix, raw = _new_secret(PREFIX)
    with transaction.atomic():
        token = ApiToken.objects.create(
            organization=organization,
            name=name,
            prefix=prefix,
            digest=digest(raw),
            scopes=scopes,
            created_by=actor,
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit_log(
            action="joud.api_token.created",
            actor=actor,
            target=token,
            data={"name": name, "scopes": scopes, "days": days},
        )
    return token, raw


def _checked(name: str, scopes, days: int, allowed) -> tuple[str, list[str]]:
    name = (name or "").strip()
    scopes = [s for s in dict.fromkeys(scopes or ()) if s in allowed]
    if not name or len(name) > 80 or not name.isprintable():
        raise BusinessError(_("Give the token a name (80 characters at most)."), field="name")
    if not scopes:
        raise BusinessError(_("Choose at least one scope."), field="scopes")
    if not 1 <= days <= MAX_DAYS:
        raise BusinessError(_("A token lasts from 1 to 365 days."), field="days")
    return name, scopes


def _new_secret(kind: str) -> tuple[str, str]:
    prefix = secrets.token_hex(4)
    return prefix, f"{kind}{prefix}_{secrets.token_urlsafe(32)}"


def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_log(action="joud.api_token.revoked", actor=actor, target=token)
    return token


def ministry_token_create(
    *, officer, name: str, scopes: list[str], days: int
) -> tuple[MinistryToken, str]:
    """A ministry token, issued by a ministry officer for the ministry's own systems: it acts for
    that officer (their decisions, in their name, through the ministry's services)."""
    require_reviewer(officer)
    name, scopes = _checked(name, scopes, days, MINISTRY_SCOPES)
    prefix, raw = _new_secret(MINISTRY_PREFIX)
    with transaction.atomic():
        token = MinistryToken.objects.create(
            name=name,
            prefix=prefix,
            digest=digest(raw),
            scopes=scopes,
            created_by=officer,
            expires_at=timezone.now() + dt.timedelta(days=days),
        )
        audit_log(
            action="joud.ministry_token.created",
            actor=officer,
            target=token,
            data={"name": name, "scopes": scopes, "days": days},
        )
    return token, raw


def ministry_token_revoke(*, token: MinistryToken, officer) -> MinistryToken:
    """Any ministry reviewer may revoke any ministry token (a leaked one must not wait for the
    officer who issued it)."""
    require_reviewer(officer)
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_log(action="joud.ministry_token.revoked", actor=officer, target=token)
    return token
