"""Compliance: the licence, final reports on time, the ministry's warnings and suspensions, and
complaints upheld."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from joud.campaigns.models import FinalReport, Initiative
from joud.complaints.models import Complaint
from joud.core.dates import working_days_between
from joud.core.models import AuditLogEntry
from joud.ministry.models import Sanction
from joud.transparency.indicators.base import (
    ONE,
    Context,
    Reading,
    Unit,
    clamp,
    indicator,
    local_day,
    months,
    setting,
    share,
    worded,
)

GROUP = "compliance"


@indicator(
    "licence",
    GROUP,
    Unit.YES_NO,
    title=_("A valid licence"),
    formula=_("Full marks while the ministry's licence is active and not past its end date."),
    source=_("The organization's licence in the ministry's register."),
    explanation=_("Only a licensed organization may raise money."),
    advice=_("Renew the licence before its end date, or settle what the ministry asked."),
)
def licence(ctx: Context) -> Reading:
    org = ctx.organization
    valid = org.status == org.Status.ACTIVE and not (
        org.licence_expires_on and org.licence_expires_on < ctx.today
    )
    return Reading("licence", valid, ONE if valid else Decimal(0))


def first_submissions(reports) -> dict[int, object]:
    """Report id -> the day it was first filed (the audit log keeps every filing)."""
    firsts = {}
    entries = AuditLogEntry.objects.filter(
        action="joud.final_report.submitted",
        object_type="campaigns.finalreport",
        object_id__in=[str(r.pk) for r in reports],
    ).order_by("created_at")
    for entry in entries:
        firsts.setdefault(int(entry.object_id), local_day(entry.created_at))
    for report in reports:
        if report.submitted_at and report.pk not in firsts:
            firsts[report.pk] = local_day(report.submitted_at)
    return firsts


@indicator(
    "reports_on_time",
    GROUP,
    Unit.SHARE,
    title=_("Final reports filed on time"),
    formula=worded(
        _(
            "Reports filed by their due date ÷ reports that fell due in the last %(months)s; "
            "also the mean working days late."
        ),
        months=months,
    ),
    source=_("Initiatives' report due dates and the dates their final reports were filed."),
    explanation=worded(
        ngettext_lazy(
            "A report is due %(days)s working day after an initiative ends: donors learn what "
            "their money did.",
            "A report is due %(days)s working days after an initiative ends: donors learn what "
            "their money did.",
            "count",
        ),
        days=setting("JOUD_REPORT_DUE_WORKING_DAYS"),
    ),
    advice=_("File each final report before its due date; the dashboard reminds you."),
)
def reports_on_time(ctx: Context) -> Reading:
    due = list(
        Initiative.unscoped.filter(
            organization=ctx.organization,
            report_due_on__gt=ctx.since,
            report_due_on__lte=ctx.today,
        )
    )
    if not due:
        return Reading("reports_on_time", None, None)
    reports = {r.initiative_id: r for r in FinalReport.unscoped.filter(initiative__in=due)}
    filed = first_submissions(list(reports.values()))
    on_time, late_days = 0, []
    for item in due:
        report = reports.get(item.pk)
        day = filed.get(report.pk) if report else None
        if day is not None and day <= item.report_due_on:
            on_time += 1
        else:
            late_days.append(working_days_between(item.report_due_on, day or ctx.today))
    mean_late = (Decimal(sum(late_days)) / len(late_days) if late_days else Decimal(0)).quantize(
        Decimal("0.1")
    )
    value = share(on_time, len(due))
    return Reading(
        "reports_on_time",
        value,
        value,
        {"due": len(due), "on_time": on_time, "mean_late": mean_late},
    )


@indicator(
    "sanctions",
    GROUP,
    Unit.COUNT,
    title=_("Warnings and suspensions"),
    formula=worded(
        _(
            "Full marks with none in the last %(months)s; each warning takes %(warning)s "
            "percent of the marks, each suspension %(suspension)s percent."
        ),
        months=months,
        warning=setting("JOUD_SCORECARD_WARNING_PENALTY", 100),
        suspension=setting("JOUD_SCORECARD_SUSPENSION_PENALTY", 100),
    ),
    source=_("The ministry's register of warnings and suspensions."),
    explanation=_("The ministry warns, then suspends, an organization that breaks the rules."),
    advice=_("Settle what the ministry's warning asked, and keep to the rules it named."),
)
def sanctions(ctx: Context) -> Reading:
    rows = Sanction.objects.filter(
        organization=ctx.organization,
        created_at__date__gt=ctx.since,
        created_at__date__lte=ctx.today,
    )
    warnings = rows.filter(kind=Sanction.Kind.WARNING).count()
    suspensions = rows.filter(kind=Sanction.Kind.SUSPENSION).count()
    lost = (
        warnings * settings.JOUD_SCORECARD_WARNING_PENALTY
        + suspensions * settings.JOUD_SCORECARD_SUSPENSION_PENALTY
    )
    return Reading(
        "sanctions",
        warnings + suspensions,
        clamp(ONE - lost),
        {"warnings": warnings, "suspensions": suspensions},
    )


@indicator(
    "complaints",
    GROUP,
    Unit.COUNT,
    title=_("Complaints upheld"),
    formula=worded(
        _(
            "Full marks with none upheld in the last %(months)s; each complaint the ministry "
            "upheld takes %(penalty)s percent of the marks."
        ),
        months=months,
        penalty=setting("JOUD_SCORECARD_COMPLAINT_PENALTY", 100),
    ),
    source=_("Complaints from the public and the ministry's decision on each."),
    explanation=_("Anyone may report an appeal; the ministry decides whether the report is true."),
    advice=_("Answer the points raised in complaints, and keep appeals accurate."),
)
def complaints(ctx: Context) -> Reading:
    rows = Complaint.objects.filter(organization=ctx.organization)
    upheld = rows.filter(
        outcome__in=Complaint.UPHELD,
        decided_at__date__gt=ctx.since,
        decided_at__date__lte=ctx.today,
    ).count()
    received = rows.filter(created_at__date__gt=ctx.since, created_at__date__lte=ctx.today).count()
    mark = clamp(ONE - upheld * settings.JOUD_SCORECARD_COMPLAINT_PENALTY)
    return Reading("complaints", upheld, mark, {"received": received, "upheld": upheld})
