"""Responsiveness: how quickly the organization answers the ministry, and decides on cases."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from joud.beneficiaries.models import Case, CaseStatusChange
from joud.core.dates import working_days_between
from joud.core.models import AuditLogEntry
from joud.transparency.indicators.base import (
    Context,
    Reading,
    Unit,
    falling,
    indicator,
    local_day,
    months,
    plain_median,
    setting,
    worded,
)

GROUP = "responsiveness"
# The ministry's request for changes -> the organization's answer, per kind of record.
ANSWERS = {
    "joud.initiative.changes_requested": "joud.initiative.submitted",
    "joud.final_report.changes_requested": "joud.final_report.submitted",
    "joud.organization.changes_requested": "joud.organization.resubmitted",
}
DECISIONS = (Case.Status.APPROVED, Case.Status.REJECTED)


@indicator(
    "change_requests",
    GROUP,
    Unit.WORKING_DAYS,
    title=_("Answering the ministry's change requests"),
    formula=worded(
        ngettext_lazy(
            "The median of working days from the ministry's request for changes (to an "
            "application, an initiative or a final report) to the organization's answer, over "
            "the last %(months)s. None at %(days)s working day.",
            "The median of working days from the ministry's request for changes (to an "
            "application, an initiative or a final report) to the organization's answer, over "
            "the last %(months)s. None at %(days)s working days.",
            "count",
        ),
        months=months,
        days=setting("JOUD_SCORECARD_ANSWER_CEILING_DAYS"),
    ),
    source=_("The audit log of requests for changes and resubmissions."),
    explanation=_("A quick answer keeps initiatives and reports moving."),
    advice=_("Answer the ministry's requests for changes within a few working days."),
)
def change_requests(ctx: Context) -> Reading:
    actions = list(ANSWERS) + list(ANSWERS.values())
    entries = AuditLogEntry.objects.filter(
        organization=ctx.organization,
        action__in=actions,
        created_at__date__lte=ctx.today,
    ).order_by("object_type", "object_id", "created_at", "id")
    waiting: dict[tuple[str, str], tuple[str, object]] = {}
    days = []
    for entry in entries:
        key = (entry.object_type, entry.object_id)
        if entry.action in ANSWERS:
            waiting[key] = (ANSWERS[entry.action], local_day(entry.created_at))
        elif key in waiting and waiting[key][0] == entry.action:
            asked = waiting.pop(key)[1]
            if asked > ctx.since:
                days.append(working_days_between(asked, local_day(entry.created_at)))
    if not days:
        return Reading("change_requests", None, None)
    value = plain_median(days)
    mark = falling(value, settings.JOUD_SCORECARD_ANSWER_CEILING_DAYS)
    return Reading("change_requests", value, mark, {"answered": len(days)})


@indicator(
    "case_decisions",
    GROUP,
    Unit.DAYS,
    title=_("Days to decide on a case"),
    formula=worded(
        ngettext_lazy(
            "The median of days from recording a beneficiary case to approving or refusing it, "
            "for decisions in the last %(months)s. None at %(days)s day.",
            "The median of days from recording a beneficiary case to approving or refusing it, "
            "for decisions in the last %(months)s. None at %(days)s days.",
            "count",
        ),
        months=months,
        days=setting("JOUD_SCORECARD_CASE_CEILING_DAYS"),
    ),
    source=_("Beneficiary cases and their status history."),
    explanation=_("People who ask for help should not wait long for an answer."),
    advice=_("Assess and decide on open cases sooner."),
)
def case_decisions(ctx: Context) -> Reading:
    changes = (
        CaseStatusChange.unscoped.filter(
            organization=ctx.organization,
            to_status__in=DECISIONS,
            created_at__date__lte=ctx.today,
        )
        .select_related("case")
        .order_by("case_id", "created_at", "id")
    )
    first: dict[int, int] = {}
    for change in changes:
        if change.case_id in first:
            continue
        decided = local_day(change.created_at)
        if decided > ctx.since:
            first[change.case_id] = (decided - local_day(change.case.created_at)).days
    if not first:
        return Reading("case_decisions", None, None)
    value = plain_median(list(first.values()))
    mark = falling(value, settings.JOUD_SCORECARD_CASE_CEILING_DAYS)
    return Reading("case_decisions", value, mark, {"decided": len(first)})
