"""The ministry's decision on a complaint from the public: dismissed, or upheld with a warning
or a suspension of the organization, taken through the ministry's own penalty ladder
(``services.organization_warn`` / ``organization_suspend``) in the same transaction."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from joud.complaints.models import Complaint
from joud.complaints.services import complaint_close
from joud.core.errors import BusinessError
from joud.ministry import services
from joud.ministry.access import require_reviewer

Outcome = Complaint.Outcome
DECISIONS = (Outcome.DISMISSED, Outcome.WARNING, Outcome.SUSPENSION)


def complaint_decide(*, complaint: Complaint, reviewer, outcome: str, reason: str) -> Complaint:
    require_reviewer(reviewer)
    reason = (reason or "").strip()
    if outcome not in DECISIONS:
        raise BusinessError(_("Choose an outcome."))
    if not reason:
        raise BusinessError(_("Give the reason for this decision."), field="reason")
    if not complaint.is_open:
        raise BusinessError(_("This complaint has already been decided."))
    with transaction.atomic():
        organization = complaint.organization
        why = f"{reason} ({complaint.reference})"
        if outcome == Outcome.WARNING:
            services.organization_warn(organization=organization, reviewer=reviewer, reason=why)
        elif outcome == Outcome.SUSPENSION:
            services.organization_suspend(organization=organization, reviewer=reviewer, reason=why)
        return complaint_close(complaint=complaint, outcome=outcome, reviewer=reviewer, note=reason)
