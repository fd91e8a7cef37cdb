"""The ministry's decisions: the only code that changes approval state.

Every decision is one call of ``decide_organization`` or ``decide_initiative``: the reviewer is
checked, the owning app's transition takes the step (the table's guard, the reason, the audit
entry), the penalty ladder records a sanction where there is one, and the organization is told
once the decision is committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns import notifications as report_notices
from joud.campaigns.models import Initiative
from joud.campaigns.services import final_report_record_decision, initiative_transition
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.notify import Event
from joud.core.workflow import ActorKind
from joud.ministry import notifications as notices
from joud.ministry.access import require_reviewer
from joud.ministry.models import Sanction
from joud.organizations.models import Organization
from joud.organizations.services import organization_transition

MINISTRY = ActorKind.MINISTRY
OrgStatus = Organization.Status
State = Initiative.State
LICENCE_YEARS = 3


def _sanction(kind: str | None, organization, reviewer, reason: str, initiative=None) -> None:
    if kind:
        Sanction.objects.create(
            kind=kind,
            organization=organization,
            initiative=initiative,
            reason=reason.strip(),
            issued_by=reviewer,
        )


def decide_organization(
    organization: Organization,
    *,
    reviewer,
    to: str,
    reason: str = "",
    sanction: str | None = None,
    notice: Event | None = None,
    data: dict | None = None,
) -> Organization:
    """One decision on an organization's licence."""
    require_reviewer(reviewer)
    with transaction.atomic():
        org = organization_transition(
            organization=organization, to=to, by=MINISTRY, actor=reviewer, reason=reason, data=data
        )
        _sanction(sanction, org, reviewer, reason)
        if notice is not None:
            notices.tell_organization(org, notice, {"reason": reason.strip()})
    return org


def decide_initiative(
    initiative: Initiative,
    *,
    reviewer,
    to: str,
    reason: str = "",
    sanction: str | None = None,
    notice: Event | None = None,
    today: dt.date | None = None,
    then: Callable[[Initiative], Initiative] | None = None,
) -> Initiative:
    """One decision on an initiative's permit; ``then`` runs any step that follows from it."""
    require_reviewer(reviewer)
    with transaction.atomic():
        item = initiative_transition(
            initiative=initiative, to=to, by=MINISTRY, actor=reviewer, reason=reason, today=today
        )
        if then is not None:
            item = then(item)
        _sanction(sanction, item.organization, reviewer, reason, initiative=item)
        if notice is not None:
            notices.tell_organization(
                item.organization,
                notice,
                {"title": item.title_ar, "code": item.public_code, "reason": reason.strip()},
            )
    return item


# ---- organizations ---------------------------------------------------------------------------


def organization_approve(
    *,
    organization: Organization,
    reviewer,
    reason: str = "",
    licence_expires_on: dt.date | None = None,
) -> Organization:
    expires = licence_expires_on or (timezone.localdate() + dt.timedelta(days=LICENCE_YEARS * 365))
    return decide_organization(
        organization,
        reviewer=reviewer,
        to=OrgStatus.ACTIVE,
        reason=reason,
        notice=notices.LICENCE_APPROVED,
        data={"licence_expires_on": expires},
    )


def organization_reject(*, organization: Organization, reviewer, reason: str) -> Organization:
    return decide_organization(
        organization,
        reviewer=reviewer,
        to=OrgStatus.REJECTED,
        reason=reason,
        notice=notices.APPLICATION_REJECTED,
    )


def organization_request_changes(
    *, organization: Organization, reviewer, reason: str
) -> Organization:
    return decide_organization(
        organization,
        reviewer=reviewer,
        to=OrgStatus.CHANGES_REQUESTED,
        reason=reason,
        notice=notices.APPLICATION_CHANGES_REQUESTED,
    )


def organization_warn(*, organization: Organization, reviewer, reason: str) -> Sanction:
    """The first step of the penalty ladder: a warning on record, the licence kept (no change
    of status, so no transition)."""
    require_reviewer(reviewer)
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
        notices.tell_organization(org, notices.ORGANIZATION_WARNED, {"reason": reason})
    organization.refresh_from_db()
    return sanction


def organization_suspend(*, organization: Organization, reviewer, reason: str) -> Organization:
    """Suspend the licence: every live initiative stops taking donations at once (they check
    ``organization.is_licensed``), and the verify page says the organization is suspended."""
    return decide_organization(
        organization,
        reviewer=reviewer,
        to=OrgStatus.SUSPENDED,
        reason=reason,
        sanction=Sanction.Kind.SUSPENSION,
        notice=notices.LICENCE_SUSPENDED,
    )


def organization_reinstate(*, organization: Organization, reviewer, reason: str) -> Organization:
    return decide_organization(
        organization,
        reviewer=reviewer,
        to=OrgStatus.ACTIVE,
        reason=reason,
        sanction=Sanction.Kind.REINSTATEMENT,
    )


# ---- initiatives -----------------------------------------------------------------------------


def initiative_approve(
    *, initiative: Initiative, reviewer, reason: str = "", today: dt.date | None = None
) -> Initiative:
    """Grant the permit. A campaign whose start date has come goes live at once."""
    require_reviewer(reviewer)  # before the licence check: a stranger learns nothing
    today = today or timezone.localdate()
    if not initiative.organization.is_licensed:
        raise BusinessError(
            _("The organization is not licensed: its initiatives cannot be approved.")
        )

    def go_live_if_due(item: Initiative) -> Initiative:
        if item.starts_on and item.starts_on <= today:
            return initiative_transition(
                initiative=item, to=State.LIVE, by=ActorKind.SYSTEM, today=today
            )
        return item

    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=State.APPROVED,
        reason=reason,
        notice=notices.INITIATIVE_APPROVED,
        today=today,
        then=go_live_if_due,
    )


def initiative_reject(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=State.REJECTED,
        reason=reason,
        notice=notices.INITIATIVE_REJECTED,
    )


def initiative_request_changes(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=State.DRAFT,
        reason=reason,
        notice=notices.INITIATIVE_CHANGES_REQUESTED,
    )


def initiative_suspend(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=State.SUSPENDED,
        reason=reason,
        sanction=Sanction.Kind.SUSPENSION,
    )


def initiative_reinstate(
    *, initiative: Initiative, reviewer, reason: str, today: dt.date | None = None
) -> Initiative:
    """Lift a suspension: back to approved, live or ended, whichever its dates say now."""
    today = today or timezone.localdate()
    if initiative.ends_on and initiative.ends_on < today:
        target = State.ENDED
    elif initiative.starts_on and initiative.starts_on > today:
        target = State.APPROVED
    else:
        target = State.LIVE
    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=target,
        reason=reason,
        sanction=Sanction.Kind.REINSTATEMENT,
        today=today,
    )


def _report_decision(*, accepted: bool, reviewer, reason: str):
    def record(item: Initiative) -> Initiative:
        final_report_record_decision(
            initiative=item, accepted=accepted, reviewer=reviewer, reason=reason
        )
        return item

    return record


def initiative_close(*, initiative: Initiative, reviewer, reason: str = "") -> Initiative:
    """Accept the final report: it is published on the initiative's page; the file is closed."""
    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=State.CLOSED,
        reason=reason,
        notice=report_notices.REPORT_ACCEPTED,
        then=_report_decision(accepted=True, reviewer=reviewer, reason=reason),
    )


def initiative_return_report(*, initiative: Initiative, reviewer, reason: str) -> Initiative:
    """Ask for changes to the final report (with the reason); the organization files it again."""
    return decide_initiative(
        initiative,
        reviewer=reviewer,
        to=State.ENDED,
        reason=reason,
        notice=report_notices.REPORT_CHANGES_REQUESTED,
        then=_report_decision(accepted=False, reviewer=reviewer, reason=reason),
    )
