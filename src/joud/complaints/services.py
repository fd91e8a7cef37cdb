"""Complaints' writes: filing one (anyone), and closing one with the ministry's outcome (called by
``joud.ministry.services``, which also takes the warning or suspension itself)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.complaints.models import Complaint
from joud.core.audit import audit_log
from joud.core.dates import add_working_days
from joud.core.errors import BusinessError

MAX_DETAILS = 2000
MAX_CONTACT = 150


def _clean(text: str, limit: int) -> str:
    text = "".join(ch for ch in (text or "") if ch.isprintable() or ch in "\n\t").strip()
    return text[:limit]


def complaint_file(
    *,
    organization,
    initiative=None,
    reason: str,
    details: str,
    contact: str = "",
    today: dt.date | None = None,
) -> Complaint:
    """Record a complaint from the public; the ministry answers within the working days set in
    ``JOUD_COMPLAINT_ANSWER_WORKING_DAYS``."""
    today = today or timezone.localdate()
    if reason not in Complaint.Reason.values:
        raise BusinessError(_("Choose a reason from the list."), field="reason")
    details = _clean(details, MAX_DETAILS)
    if len(details) < 10:
        raise BusinessError(_("Tell us what is wrong, in a few words at least."), field="details")
    if initiative is not None and initiative.organization_id != organization.pk:
        raise BusinessError(_("Choose an appeal."))
    with transaction.atomic():
        complaint = Complaint.objects.create(
            subject=Complaint.Subject.INITIATIVE if initiative else Complaint.Subject.ORGANIZATION,
            organization=organization,
            initiative=initiative,
            reason=reason,
            details=details,
            contact=_clean(contact, MAX_CONTACT),
            answer_due_on=add_working_days(today, settings.JOUD_COMPLAINT_ANSWER_WORKING_DAYS),
        )
        audit_log(
            action="joud.complaint.filed",
            target=complaint,
            organization=organization,
            data={
                "reference": complaint.reference,
                "reason": reason,
                "initiative": initiative.public_code if initiative else "",
            },
        )
    return complaint


def complaint_close(*, complaint: Complaint, outcome: str, reviewer, note: str = "") -> Complaint:
    """Record the ministry's outcome on an open complaint (once)."""
    if outcome not in (c for c in Complaint.Outcome.values if c != Complaint.Outcome.OPEN):
        raise BusinessError(_("Choose an outcome."))
    with transaction.atomic():
        item = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if not item.is_open:
            raise BusinessError(_("This complaint has already been decided."))
        item.outcome = outcome
        item.decided_at = timezone.now()
        item.decided_by = reviewer
        item.decision_note = (note or "").strip()
        item.save(
            update_fields=["outcome", "decided_at", "decided_by", "decision_note", "updated_at"]
        )
        audit_log(
            action=f"joud.complaint.{outcome}",
            actor=reviewer,
            target=item,
            organization=item.organization,
            data={"reference": item.reference, "note": item.decision_note},
        )
    return item
