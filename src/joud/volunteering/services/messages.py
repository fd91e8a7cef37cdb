"""Messages to volunteers: a coordinator's note to a shift, and the reminder the day before."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.volunteering.access import is_coordinator
from joud.volunteering.models import Application, Shift
from joud.volunteering.services._notify import notify, queue_email, queue_sms
from joud.volunteering.text import shift_label

AUDIENCES = {
    "accepted": (Application.Status.ACCEPTED,),
    "waitlisted": (Application.Status.WAITLISTED,),
    "all": (
        Application.Status.ACCEPTED,
        Application.Status.WAITLISTED,
        Application.Status.PENDING_CONSENT,
    ),
}


def volunteers_message(
    *, shift: Shift, actor, audience: str, body: str, channel: str = "both"
) -> int:
    body = (body or "").strip()
    if not body:
        raise BusinessError(_("Write the message."), field="body")
    if len(body) > 600:
        raise BusinessError(_("Keep the message under 600 characters."), field="body")
    if audience not in AUDIENCES or channel not in ("sms", "email", "both"):
        raise BusinessError(_("Choose who receives the message and how."))
    with transaction.atomic(), organization_scope(shift.organization_id):
        if not is_coordinator(actor, shift.organization_id):
            raise PermissionDeniedError(_("Only the organization's coordinators send messages."))
        recipients = [
            a.volunteer
            for a in shift.applications.filter(status__in=AUDIENCES[audience]).select_related(
                "volunteer"
            )
        ]
        org_name = shift.organization.name_ar
        subject = f"{org_name}: {shift.opportunity.title_ar}"
        text = f"{org_name}: {body}"
        for person in recipients:
            if channel in ("sms", "both") and person.phone:
                queue_sms(to=person.phone, body=text)
            if channel in ("email", "both") and person.email:
                queue_email(to=person.email, subject=subject, body=text)
        audit_log(
            action="joud.volunteering.message_sent",
            actor=actor,
            target=shift,
            data={"audience": audience, "channel": channel, "recipients": len(recipients)},
        )
    return len(recipients)


def shift_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind accepted volunteers of tomorrow's shifts, once each."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=1)
    sent = 0
    with transaction.atomic(), scopes_disabled():  # a job for every organization
        due = (
            Application.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Application.Status.ACCEPTED,
                reminder_sent_at__isnull=True,
                shift__starts_at__gte=start,
                shift__starts_at__lt=end,
            )
            .select_related("shift__opportunity", "shift__organization", "volunteer")
        )
        for application in due:
            shift = application.shift
            opportunity = shift.opportunity
            notify(
                application.volunteer,
                subject=lambda: gettext("Reminder: you volunteer tomorrow"),
                body=lambda shift=shift, opportunity=opportunity: (
                    gettext(
                        "Reminder: tomorrow you volunteer for %(shift)s at %(place)s. "
                        "Scan the site code when you arrive. Cannot come? Cancel so someone else can."
                    )
                    % {"shift": shift_label(shift), "place": opportunity.place}
                ),
            )
            application.reminder_sent_at = now
            application.save(update_fields=["reminder_sent_at", "updated_at"])
            sent += 1
        if sent:
            audit_log(
                action="joud.volunteering.reminders_sent", data={"count": sent, "day": tomorrow}
            )
    return sent
