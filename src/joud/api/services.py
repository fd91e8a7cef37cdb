"""Tokens: created (shown once, kept hashed) and revoked by the organization's administrator."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.api.auth import PREFIX, SCOPES, digest
from joud.api.models import ApiToken
from joud.core.audit import audit_log
from joud.core.errors import BusinessError

MAX_DAYS = 365


def token_create(
    *, organization, actor, name: str, scopes: list[str], days: int
) -> tuple[ApiToken, str]:
    """A new token and its value (the only time it is seen: only its hash is kept)."""
    name = (name or "").strip()
    scopes = [s for s in dict.fromkeys(scopes or ()) if s in SCOPES]
    if not name or len(name) > 80:
        raise BusinessError(_("Give the token a name (80 characters at most)."), field="name")
    if not scopes:
        raise BusinessError(_("Choose at least one scope."), field="scopes")
    if not 1 <= days <= MAX_DAYS:
        raise BusinessError(_("A token lasts from 1 to 365 days."), field="days")
    prefix = secrets.token_hex(4)
    raw = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
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


def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            audit_log(action="joud.api_token.revoked", actor=actor, target=token)
    return token
