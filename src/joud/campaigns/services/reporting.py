"""The final report: the organization files it (and files it again after the ministry asked for
changes); the ministry's decision is recorded here when ``joud.ministry.services`` takes it; the
calendar escalates a report that is not sent, by working days.

Escalation (``final_reports_escalate``, run by the periodic scheduler), each step once, told to
the organization through ``core.notify`` and written to the audit log:
a reminder ``JOUD_REPORT_REMINDER_WORKING_DAYS`` before the due date, a warning on the day, and,
once the report is ``JOUD_REPORT_BLOCK_WORKING_DAYS`` late, notice that no new initiative can be
submitted (``initiative_rule_problems`` refuses them while that lasts).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns import notifications as notices
from joud.campaigns.images import process_image
from joud.campaigns.models import FinalReport, FinalReportPhoto, Initiative
from joud.campaigns.reporting import working_days_late
from joud.campaigns.services.lifecycle import ORG, initiative_transition
from joud.core import uploads
from joud.core.audit import audit_log
from joud.core.dates import add_working_days, format_gregorian, working_days_between
from joud.core.errors import BusinessError
from joud.core.money import format_number
from joud.core.tenancy import scopes_disabled
from joud.organizations.access import require_admin

State = Initiative.State
MAX_COUNT = 10_000_000
PHOTO_TYPES = {"jpg": "image/jpeg", "webp": "image/webp"}


def _count(value, field: str) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        number = -1
    if number < 0 or number > MAX_COUNT:
        raise BusinessError(_("Enter a whole number of people or families."), field=field)
    return number


def _photo(upload) -> tuple[ContentFile, str]:
    """A photo checked by the one upload checker, re-encoded (no location data), encrypted."""
    data, kind = uploads.checked_bytes(upload, field="photos")
    if kind not in ("jpg", "png"):
        raise BusinessError(_("Photos must be JPEG or PNG pictures."), field="photos")
    image = process_image(ContentFile(data, name=f"photo.{kind}"))
    extension = image.name.rsplit(".", 1)[-1]
    return uploads.sealed(image.read(), extension), PHOTO_TYPES.get(extension, "image/jpeg")


def final_report_submit(
    *,
    initiative: Initiative,
    actor,
    narrative_ar: str,
    narrative_en: str = "",
    people_reached=0,
    families_reached=0,
    photos=(),
) -> FinalReport:
    """File the final report of an ended initiative (again, after the ministry asked for
    changes). Its money is not asked for: the ledger says it."""
    require_admin(actor, initiative.organization)
    narrative_ar = (narrative_ar or "").strip()
    if len(narrative_ar) < 20:
        raise BusinessError(
            _("Write in Arabic what was done with the money (20 characters at least)."),
            field="narrative_ar",
        )
    people = _count(people_reached, "people_reached")
    families = _count(families_reached, "families_reached")
    photos = [p for p in photos or () if p]
    existing = FinalReport.unscoped.filter(initiative=initiative).first()
    kept = FinalReportPhoto.unscoped.filter(report=existing).count() if existing else 0
    if kept + len(photos) > settings.JOUD_REPORT_MAX_PHOTOS:
        raise BusinessError(
            _("A report has at most %(n)s photos.")
            % {"n": format_number(settings.JOUD_REPORT_MAX_PHOTOS)},
            field="photos",
        )
    stored = [(_photo(upload), uploads.original_name(upload)) for upload in photos]
    with transaction.atomic():
        item = Initiative.unscoped.select_for_update().get(pk=initiative.pk)
        if item.state != State.ENDED:
            raise BusinessError(_("A final report is filed once the initiative has ended."))
        report = existing or FinalReport(organization_id=item.organization_id, initiative=item)
        report.narrative_ar = narrative_ar
        report.narrative_en = (narrative_en or "").strip()
        report.people_reached = people
        report.families_reached = families
        report.state = FinalReport.State.SUBMITTED
        report.submissions += 1
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        report.save()
        for (content, content_type), name in stored:
            photo = FinalReportPhoto(
                organization_id=item.organization_id,
                report=report,
                original_name=name,
                content_type=content_type,
            )
            photo.file.save(content.name, content, save=False)
            photo.save()
        initiative_transition(
            initiative=item,
            to=State.REPORTED,
            by=ORG,
            actor=actor,
            data={"report": report.pk, "submission": report.submissions},
        )
        audit_log(
            action="joud.final_report.submitted",
            actor=actor,
            target=report,
            data={
                "code": item.public_code,
                "submission": report.submissions,
                "people": people,
                "families": families,
                "photos": kept + len(stored),
            },
        )
    return report


def final_report_record_decision(
    *, initiative: Initiative, accepted: bool, reviewer, reason: str = ""
) -> FinalReport:
    """The ministry's decision on the report, taken by ``joud.ministry.services`` in the same
    transaction as the initiative's step: accepted (published now) or sent back with a reason."""
    report = FinalReport.unscoped.select_for_update().filter(initiative=initiative).first()
    if report is None or report.state != FinalReport.State.SUBMITTED:
        raise BusinessError(_("There is no final report waiting for a decision."))
    now = timezone.now()
    report.decided_at = now
    report.decision_reason = (reason or "").strip()
    if accepted:
        report.state = FinalReport.State.ACCEPTED
        report.published_at = now
    else:
        report.state = FinalReport.State.CHANGES_REQUESTED
    report.save()
    audit_log(
        action="joud.final_report.accepted" if accepted else "joud.final_report.changes_requested",
        actor=reviewer,
        target=report,
        data={"code": initiative.public_code, "reason": report.decision_reason},
    )
    return report


def photo_of(report: FinalReport, pk: int) -> FinalReportPhoto | None:
    return FinalReportPhoto.unscoped.filter(report=report, pk=pk).first()


# ---- escalation: run by the periodic scheduler ------------------------------------------------


def _step(item: Initiative, *, field: str, action: str, notice, context: dict) -> None:
    with transaction.atomic():
        updated = Initiative.unscoped.filter(pk=item.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
        if not updated:
            return  # another run took this step
        audit_log(
            action=action,
            target=item,
            data={"code": item.public_code, "due": item.report_due_on, **context},
        )
        notices.tell_organization(
            item.organization,
            notice,
            {
                "title": item.title_ar,
                "code": item.public_code,
                "due": format_gregorian(item.report_due_on, "ar"),
                **{k: format_number(v) if isinstance(v, int) else v for k, v in context.items()},
            },
        )


def final_reports_escalate(*, today: dt.date | None = None) -> dict[str, int]:
    """Remind, warn and stop submissions for final reports not sent, by working days.
    Idempotent: each step is taken once per initiative, whatever the schedule."""
    today = today or timezone.localdate()
    remind_days = settings.JOUD_REPORT_REMINDER_WORKING_DAYS
    block_days = settings.JOUD_REPORT_BLOCK_WORKING_DAYS
    counts = {"reminded": 0, "warned": 0, "blocked": 0}
    with scopes_disabled():
        waiting = Initiative.objects.filter(
            state=State.ENDED, report_due_on__isnull=False
        ).select_related("organization")
        for item in waiting.filter(report_blocked_at__isnull=True):
            due = item.report_due_on
            late = working_days_late(item, today)
            if late >= block_days:
                _step(
                    item,
                    field="report_blocked_at",
                    action="joud.final_report.submissions_blocked",
                    notice=notices.REPORT_BLOCKING,
                    context={"days": late},
                )
                counts["blocked"] += 1
            elif today >= due and item.report_warned_at is None:
                _step(
                    item,
                    field="report_warned_at",
                    action="joud.final_report.warning_sent",
                    notice=notices.REPORT_DUE_TODAY,
                    context={"block": block_days},
                )
                counts["warned"] += 1
            elif (
                today < due
                and today >= add_working_days(due, -remind_days)
                and item.report_reminded_at is None
            ):
                left = working_days_between(today, due)
                _step(
                    item,
                    field="report_reminded_at",
                    action="joud.final_report.reminder_sent",
                    notice=notices.REPORT_REMINDER,
                    context={"days": left},
                )
                counts["reminded"] += 1
    return counts
