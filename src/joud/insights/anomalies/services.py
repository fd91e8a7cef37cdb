"""Raising an anomaly to the review queue and deciding it (the only writes to ``Anomaly``)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.insights.models import Anomaly


def anomaly_raise(
    *,
    kind: str,
    subject: str,
    reason: str,
    details: dict,
    organization_id: int | None = None,
    initiative_id: int | None = None,
) -> Anomaly | None:
    """Open an anomaly, unless one of this kind on this subject is already open (returns None)."""
    if Anomaly.objects.filter(kind=kind, subject=subject, state=Anomaly.State.OPEN).exists():
        return None
    try:
        with transaction.atomic():
            return Anomaly.objects.create(
                kind=kind,
                subject=subject[:200],
                reason=reason,
                details=details,
                organization_id=organization_id,
                initiative_id=initiative_id,
                raised_at=timezone.now(),
            )
    except IntegrityError:  # raised meanwhile by another worker
        return None


def anomaly_review(*, anomaly: Anomaly, reviewer, decision: str) -> Anomaly:
    """The ministry confirms or dismisses an open anomaly."""
    if decision not in (Anomaly.State.CONFIRMED, Anomaly.State.DISMISSED):
        raise BusinessError(_("Choose confirm or dismiss."))
    with transaction.atomic():
        anomaly = Anomaly.objects.select_for_update().get(pk=anomaly.pk)
        if anomaly.state != Anomaly.State.OPEN:
            return anomaly
        anomaly.state = decision
        anomaly.reviewed_at = timezone.now()
        anomaly.reviewed_by = reviewer
        anomaly.save(update_fields=["state", "reviewed_at", "reviewed_by"])
        audit_log(
            action=f"joud.anomaly.{decision}",
            actor=reviewer,
            target=anomaly,
            data={"kind": anomaly.kind, "subject": anomaly.subject},
        )
    return anomaly
