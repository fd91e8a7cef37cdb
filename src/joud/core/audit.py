"""Writing the audit log. Services call ``audit_log`` inside their transaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models

from joud.core.models import AuditLogEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def audit_log(
    *,
    action: str,
    actor=None,
    target: models.Model | None = None,
    organization=None,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditLogEntry:
    """Record one state change. ``action`` is dotted and starts with ``joud.``."""
    if not action.startswith("joud.") or action.count(".") < 2:
        raise ValueError(f"audit action must look like 'joud.<thing>.<verb>', got {action!r}")
    if organization is None and target is not None:
        organization = getattr(target, "organization", None)
        if organization is None and target._meta.label == "organizations.Organization":
            organization = target
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditLogEntry.objects.create(
        action=action,
        actor=actor,
        organization=organization,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        data=_jsonable(data or {}),
        ip_address=ip_address,
    )
