"""The ministry's decisions: the only code that changes approval state.

Each decision goes through the owning app's transition function (which checks the allowed
table and writes the audit log with the reason) and, where the organization should know,
tells its contacts by email.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import Initiative
from joud.campaigns.services import initiative_transition
from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.messaging import send_email
from joud.ministry.models import Sanction
from joud.organizations.models import Organization
from joud.organizations.services import ActorKind, organization_transition

MINISTRY = ActorKind.MINISTRY
OrgStatus = Organization.Status
State = Initiative.State


def _require_reviewer(reviewer) -> None:
    if not getattr(reviewer, "is_authenticated", False) or not reviewer.is_ministry_reviewer:
        raise PermissionDeniedError(_("Only a ministry reviewer can take this decision."))


def _notify(organization: Organization, subject: str, body: str) -> None:
    if organization.contact_email:
        transaction.on_commit(
            lambda: send_email(to=organization.contact_email, subject=subject, body=body)
        )


# ---- organizations ---------------------------------------------------------------------------


def organization_approve(
    *,
    organization: Organization,
    reviewer,
    reason: str = "",
    licence_expires_on: dt.date | None = None,
) -> Organization:
    _require_reviewer(reviewer)
    expires = licence_expires_on or (timezone.localdate() + dt.timedelta(days=3 * 365))
    org = organization_transition(
        organization=organization,
        to=OrgStatus.ACTIVE,
        by=MINISTRY,
        actor=reviewer,
        reason=reason,
        data={"licence_expires_on": expires},
    )
    _notify(org, "Joud: licence approved", f"{org.name_ar}: the ministry approved your licence.")
    return org


def organization_reject(*, organization: Organization, reviewer, reason: str) -> Organization:
    _require_reviewer(reviewer)
    org = organization_transition(
        organization=organization, to=OrgStatus.REJECTED, by=MINISTRY, actor=reviewer, reason=reason
    )
    _notify(org, "Joud: licence application rejected", reason)
    return org


def organization_request_changes(
    *, organization: Organization, reviewer, reason: str
) -> Organization:
    _require_reviewer(reviewer)
    org = organization_transition(
        organization=organization,
        to=OrgStatus.CHANGES_REQUESTED,
        by=MINISTRY,
        actor=reviewer,
        reason=reason,
    )
    _notify(org, "Joud: changes requested to your application", reason)
    return org


def organization_warn(*, organization: Organization, reviewer, reason: str) -> Sanction:
    """The first step of the penalty ladder: a warning on record, the licence kept."""
    _require_reviewer(reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise BusinessError(_("Give the reason for this decision."), field="reason")
    with transaction.atomic():
        org = Organization.objects.select_for_update().get(pk=organization.pk)
        if org.status not in (OrgStatus.ACTIVE, OrgStatus.SUSPENDED):
            raise BusinessError(_("Only a licensed organization can be warned."))
        org.warning_count += 1
        org.save(update_fields=["warning_count", "updated_at"])
        sanction = Sanction.objects.create(
            kind=Sanction.Kind.WARNING, organization=org, reason=reason, issued_by=reviewer
        )
        audit_log(
            action="joud.organization.warned",
            actor=reviewer,
            target=org,
            data={"reason": reason, "warnings": org.warning_count},
        )
        _notify(org, "Joud: warning from the ministry", reason)
    organization.refresh_from_db()
    return sanction


def organization_suspend(*, organization: Organization, reviewer, reason: str) -> Organization:
    """Suspend the licence: every live initiative stops taking donations at once (they check
    ``organization.is_licensed``), and the verify page says the organization is suspended."""
    _require_reviewer(reviewer)
    with transaction.atomic():
        org = organization_transition(
            organization=organization,
            to=OrgStatus.SUSPENDED,
            by=MINISTRY,
            actor=reviewer,
            reason=reason,
        )
        Sanction.objects.create(
            kind=Sanction.Kind.SUSPENSION,
            organization=org,
            reason=reason.strip(),
            issued_by=reviewer,
        )
        _notify(org, "Joud: licence suspended", reason)
    return org


def organization_reinstate(*, organization: Organization, reviewer, reason: str) -> Organization:
    _require_reviewer(reviewer)
    with transaction.atomic():
        org = organization_transition(
            organization=organization,
            to=OrgStatus.ACTIVE,
            by=MINISTRY,
            actor=reviewer,
            reason=reason,
        )
        Sanction.objects.create(
            kind=Sanction.Kind.REINSTATEMENT,
            organization=org,
            reason=reason.strip(),
            issued_by=reviewer,
        )
    return org


# ---- initiatives -----------------------------------------------------------------------------


def initiative_approve(
    *, initiative: Initiative, reviewer, reason: str = "", today: dt.date | None = None
) -> Initiative:
    """Grant the permit. A campaign whose start date has come goes live at once."""
    _require_reviewer(reviewer)
    today = today or timezone.localdate()
    if not initiative.organization.is_licensed:
        raise BusinessError(
            _("The organization is not licensed: its initiatives cannot be approved.")
        )
    item = initiative_transition(
        initiative=initiative,
        to=State.APPROVED,
        by=MINISTRY,
        actor=reviewer,
        reason=reason,
        today=today,
    )
    if item.starts_on and item.starts_on <= today:
        item = initiative_transition(
            initiative=item, to=State.LIVE, by=ActorKind.SYSTEM, today=today
        )
    _notify(item.organization, "Joud: initiative approved", f"{item.title_ar} ({item.public_code})")
    return item


def initiative_reject(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    _require_reviewer(reviewer)
    item = initiative_transition(
        initiative=initiative, to=State.REJECTED, by=MINISTRY, actor=reviewer, reason=reason
    )
    _notify(item.organization, "Joud: initiative rejected", f"{item.title_ar}: {reason}")
    return item


def initiative_request_changes(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    _require_reviewer(reviewer)
    item = initiative_transition(
        initiative=initiative, to=State.DRAFT, by=MINISTRY, actor=reviewer, reason=reason
    )
    _notify(item.organization, "Joud: changes requested", f"{item.title_ar}: {reason}")
    return item


def initiative_suspend(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    _require_reviewer(reviewer)
    with transaction.atomic():
        item = initiative_transition(
            initiative=initiative, to=State.SUSPENDED, by=MINISTRY, actor=reviewer, reason=reason
        )
        Sanction.objects.create(
            kind=Sanction.Kind.SUSPENSION,
            organization=item.organization,
            initiative=item,
            reason=reason.strip(),
            issued_by=reviewer,
        )
    return item


def initiative_reinstate(
    *, initiative: Initiative, reviewer, reason: str, today: dt.date | None = None
) -> Initiative:
    """Lift a suspension: back to approved, live or ended, whichever its dates say now."""
    _require_reviewer(reviewer)
    today = today or timezone.localdate()
    if initiative.ends_on and initiative.ends_on < today:
        target = State.ENDED
    elif initiative.starts_on and initiative.starts_on > today:
        target = State.APPROVED
    else:
        target = State.LIVE
    with transaction.atomic():
        item = initiative_transition(
            initiative=initiative,
            to=target,
            by=MINISTRY,
            actor=reviewer,
            reason=reason,
            today=today,
        )
        Sanction.objects.create(
            kind=Sanction.Kind.REINSTATEMENT,
            organization=item.organization,
            initiative=item,
            reason=reason.strip(),
            issued_by=reviewer,
        )
    return item


def initiative_close(*, initiative: Initiative, reviewer, reason: str = "") -> Initiative:
    """Accept the campaign's report: the file is closed."""
    _require_reviewer(reviewer)
    return initiative_transition(
        initiative=initiative, to=State.CLOSED, by=MINISTRY, actor=reviewer, reason=reason
    )


def initiative_return_report(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    _require_reviewer(reviewer)
    return initiative_transition(
        initiative=initiative, to=State.ENDED, by=MINISTRY, actor=reviewer, reason=reason
    )
