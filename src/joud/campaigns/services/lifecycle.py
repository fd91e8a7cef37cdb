"""The one place an initiative's state changes, and the calendar that moves it on its dates.

``initiative_transition`` takes a step of ``INITIATIVE_WORKFLOW`` (``joud.core.workflow``): the
guard, the reason and the audit entry. The organization submits, ends early and reports; the
scheduler starts and ends campaigns on their dates; the ministry's decisions (approve, reject,
ask for changes, suspend, reinstate, close) live in ``joud.ministry.services`` and are the only
callers for those steps.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from joud.campaigns.models import Initiative
from joud.core.audit import audit_log
from joud.core.dates import add_working_days
from joud.core.tenancy import scopes_disabled
from joud.core.workflow import ActorKind, Refusals, Workflow, step
from joud.organizations.models import Organization

State = Initiative.State
ORG, MINISTRY, SYSTEM = ActorKind.ORGANIZATION, ActorKind.MINISTRY, ActorKind.SYSTEM


INITIATIVE_WORKFLOW = Workflow(
    "initiative",
    {
        (State.DRAFT, State.SUBMITTED): step("submitted", ORG),
        (State.SUBMITTED, State.APPROVED): step("approved", MINISTRY),
        (State.SUBMITTED, State.REJECTED): step("rejected", MINISTRY, reason=True),
        (State.SUBMITTED, State.DRAFT): step("changes_requested", MINISTRY, reason=True),
        (State.APPROVED, State.LIVE): step("started", SYSTEM),
        (State.APPROVED, State.SUSPENDED): step("suspended", MINISTRY, reason=True),
        (State.LIVE, State.ENDED): step("ended", SYSTEM, ORG),
        (State.LIVE, State.SUSPENDED): step("suspended", MINISTRY, reason=True),
        (State.ENDED, State.REPORTED): step("reported", ORG),
        (State.REPORTED, State.CLOSED): step("closed", MINISTRY),
        (State.REPORTED, State.ENDED): step("report_returned", MINISTRY, reason=True),
        (State.SUSPENDED, State.APPROVED): step("reinstated", MINISTRY, reason=True),
        (State.SUSPENDED, State.LIVE): step("reinstated", MINISTRY, reason=True),
        (State.SUSPENDED, State.ENDED): step("reinstated", MINISTRY, reason=True),
    },
    labels=State,
    refusals=Refusals(
        not_allowed=gettext_noop("An initiative cannot go from “%(from)s” to “%(to)s”."),
        wrong_actor=_("You are not allowed to take this step."),
        reviewer_only=_("Only a ministry reviewer can take this decision."),
        reason_needed=_("Give the reason for this decision."),
    ),
)
INITIATIVE_TRANSITIONS = INITIATIVE_WORKFLOW


def initiative_transition(
    *,
    initiative: Initiative,
    to: str,
    by: ActorKind,
    actor=None,
    reason: str = "",
    data: dict | None = None,
    today: dt.date | None = None,
) -> Initiative:
    """Move ``initiative`` to ``to`` if the table allows it for ``by``; audit it with the reason."""
    reason = (reason or "").strip()
    today = today or timezone.localdate()
    with transaction.atomic():
        item = (
            Initiative.unscoped.select_for_update()
            .select_related("organization")
            .get(pk=initiative.pk)
        )
        transition = INITIATIVE_WORKFLOW.check(
            source=item.state, to=to, by=by, actor=actor, reason=reason
        )
        previous = item.state
        now = timezone.now()
        item.state = to
        if to == State.SUBMITTED:
            item.submitted_at = now
            item.answer_due_on = add_working_days(today, settings.JOUD_MINISTRY_ANSWER_WORKING_DAYS)
            item.state_reason = ""
        if previous == State.SUBMITTED:
            item.decided_at = now  # answer_due_on is kept: it shows whether we answered in time
        if by == MINISTRY:
            item.state_reason = reason
        if to == State.SUSPENDED:
            item.state_before_suspension = previous
        if previous == State.SUSPENDED:
            item.state_before_suspension = ""
        if to == State.ENDED and previous in (State.LIVE, State.SUSPENDED):
            item.ended_at = now
            end = min(item.ends_on or today, today)
            item.report_due_on = add_working_days(end, settings.JOUD_REPORT_DUE_WORKING_DAYS)
        if to == State.REPORTED:
            item.reported_at = now
        item.save()
        INITIATIVE_WORKFLOW.record(
            transition,
            target=item,
            source=previous,
            to=to,
            actor=actor,
            reason=reason,
            data={"code": item.public_code, **(data or {})},
        )
    if to in (State.ENDED, State.REPORTED, State.CLOSED) or previous == State.REPORTED:
        organization_refresh_overdue_flag(organization=item.organization, today=today)
    return item


def organization_refresh_overdue_flag(
    *, organization: Organization, today: dt.date | None = None
) -> bool:
    """Flag the organization while any of its campaign reports is overdue."""
    today = today or timezone.localdate()
    with scopes_disabled():
        overdue = Initiative.objects.filter(
            organization=organization,
            state=Initiative.State.ENDED,
            report_due_on__lt=today,
        ).exists()
    if organization.has_overdue_report != overdue:
        Organization.objects.filter(pk=organization.pk).update(has_overdue_report=overdue)
        organization.has_overdue_report = overdue
    return overdue


# ---- the calendar: run by the periodic task -----------------------------------------------------


def initiatives_advance(*, today: dt.date | None = None) -> dict[str, int]:
    """Start approved campaigns on their start date, end live ones after their end date, flag
    overdue reports. Idempotent: safe to run as often as the scheduler likes."""
    today = today or timezone.localdate()
    counts = {"started": 0, "ended": 0, "reports_overdue": 0}
    with scopes_disabled():
        to_start = list(
            Initiative.objects.filter(state=State.APPROVED, starts_on__lte=today).values_list(
                "pk", flat=True
            )
        )
        for pk in to_start:
            initiative_transition(
                initiative=Initiative(pk=pk), to=State.LIVE, by=SYSTEM, today=today
            )
            counts["started"] += 1
        to_end = list(
            Initiative.objects.filter(state=State.LIVE, ends_on__lt=today).values_list(
                "pk", flat=True
            )
        )
        for pk in to_end:
            initiative_transition(
                initiative=Initiative(pk=pk), to=State.ENDED, by=SYSTEM, today=today
            )
            counts["ended"] += 1
        overdue = list(
            Initiative.objects.filter(
                state=State.ENDED, report_due_on__lt=today, report_overdue_flagged_at__isnull=True
            ).select_related("organization")
        )
        for item in overdue:
            with transaction.atomic():
                Initiative.unscoped.filter(pk=item.pk).update(
                    report_overdue_flagged_at=timezone.now()
                )
                audit_log(
                    action="joud.initiative.report_overdue",
                    target=item,
                    data={"code": item.public_code, "due": item.report_due_on},
                )
            counts["reports_overdue"] += 1
        flagged = Organization.objects.filter(has_overdue_report=True)
        ids = {i.organization_id for i in overdue} | set(flagged.values_list("pk", flat=True))
        for org in Organization.objects.filter(pk__in=ids):
            organization_refresh_overdue_flag(organization=org, today=today)
    return counts
