"""Hours: the coordinator approves them; the volunteer may dispute; the coordinator resolves."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.notify import Recipient, notify
from joud.core.tenancy import organization_scope
from joud.volunteering.access import is_coordinator
from joud.volunteering.models import Application, HoursDispute
from joud.volunteering.notifications import DISPUTE_ANSWERED, shift_text

MAX_MINUTES = 24 * 60


def _check_minutes(minutes: int) -> int:
    try:
        minutes = int(minutes)
    except (TypeError, ValueError) as exc:
        raise BusinessError(_("Enter the minutes as a whole number."), field="minutes") from exc
    if not 0 <= minutes <= MAX_MINUTES:
        raise BusinessError(_("Minutes must be between 0 and 1440."), field="minutes")
    return minutes


def hours_approve(*, application: Application, actor, minutes: int | None = None) -> Application:
    with transaction.atomic(), organization_scope(application.organization_id):
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not is_coordinator(actor, application.organization_id):
            raise PermissionDeniedError(_("Only the organization's coordinators approve hours."))
        if application.hours_status == Application.Hours.DISPUTED:
            raise BusinessError(_("These hours are disputed: resolve the dispute instead."))
        if application.hours_status == Application.Hours.APPROVED:
            raise BusinessError(_("These hours are already approved."), code="approved")
        if application.status != Application.Status.ACCEPTED:
            raise BusinessError(_("Only accepted volunteers have hours to approve."))
        if minutes is None:
            if application.hours_status != Application.Hours.PENDING:
                raise BusinessError(
                    _("No check-out was recorded: enter the minutes served."), field="minutes"
                )
            minutes = application.minutes
        minutes = _check_minutes(minutes)
        application.approved_minutes = minutes
        application.hours_status = Application.Hours.APPROVED
        application.approved_by = actor
        application.approved_at = timezone.now()
        application.save()
        audit_log(
            action="joud.volunteering.hours_approved",
            actor=actor,
            target=application,
            data={"recorded": application.minutes, "approved": minutes},
        )
    return application


def hours_dispute(
    *, application: Application, volunteer, reason: str, claimed_minutes: int
) -> HoursDispute:
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise BusinessError(
            _("Explain what happened in a sentence or two (at least 10 characters)."),
            field="reason",
        )
    claimed_minutes = _check_minutes(claimed_minutes)
    with transaction.atomic(), organization_scope(application.organization_id):
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.volunteer_id != volunteer.pk:
            raise PermissionDeniedError(_("You can dispute only your own hours."))
        if application.hours_status == Application.Hours.DISPUTED:
            raise BusinessError(_("You already have an open dispute for this shift."))
        if (
            application.hours_status not in (Application.Hours.PENDING, Application.Hours.APPROVED)
            and not application.checked_in_at
        ):
            raise BusinessError(_("There are no hours recorded for this shift to dispute."))
        dispute = HoursDispute.objects.create(
            organization_id=application.organization_id,
            application=application,
            reason=reason,
            claimed_minutes=claimed_minutes,
        )
        application.hours_status = Application.Hours.DISPUTED
        application.save(update_fields=["hours_status", "updated_at"])
        audit_log(
            action="joud.volunteering.hours_disputed",
            actor=volunteer,
            target=dispute,
            data={"claimed": claimed_minutes, "approved": application.approved_minutes},
        )
    return dispute


def dispute_resolve(*, dispute: HoursDispute, actor, minutes: int, resolution: str) -> HoursDispute:
    minutes = _check_minutes(minutes)
    resolution = (resolution or "").strip()
    if not resolution:
        raise BusinessError(_("Write a short note for the volunteer."), field="resolution")
    with transaction.atomic(), organization_scope(dispute.organization_id):
        dispute = HoursDispute.objects.select_for_update().get(pk=dispute.pk)
        if not is_coordinator(actor, dispute.organization_id):
            raise PermissionDeniedError(_("Only the organization's coordinators resolve disputes."))
        if dispute.status != HoursDispute.Status.OPEN:
            raise BusinessError(_("This dispute is already resolved."))
        application = (
            Application.objects.select_for_update()
            .select_related("shift__opportunity")
            .get(pk=dispute.application_id)
        )
        now = timezone.now()
        dispute.status = HoursDispute.Status.RESOLVED
        dispute.resolution = resolution
        dispute.resolved_minutes = minutes
        dispute.resolved_by = actor
        dispute.resolved_at = now
        dispute.save()
        application.approved_minutes = minutes
        application.hours_status = Application.Hours.APPROVED
        application.approved_by = actor
        application.approved_at = now
        application.save()
        audit_log(
            action="joud.volunteering.dispute_resolved",
            actor=actor,
            target=dispute,
            data={"claimed": dispute.claimed_minutes, "approved": minutes},
        )
        notify(
            Recipient.of_user(application.volunteer),
            DISPUTE_ANSWERED,
            {
                "shift": shift_text(application.shift),
                "hours": application.approved_hours,
                "note": resolution,
            },
        )
    return dispute
