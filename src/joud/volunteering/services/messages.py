"""Messages to volunteers: a coordinator's note to a shift, and the reminder the day before."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.notify import Recipient, notify
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.volunteering.access import is_coordinator
from joud.volunteering.models import Application, Shift
from joud.volunteering.notifications import (
    COORDINATOR_MESSAGE,
    SHIFT_REMINDER,
    in_reader_language,
    shift_text,
)

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
        context = {
            "organization": shift.organization.name_ar,
            "title": shift.opportunity.title_ar,
            "message": body,
        }
        by_sms, by_email = channel in ("sms", "both"), channel in ("email", "both")
        for person in recipients:
            reader = Recipient.of_user(person)
            # The channels the coordinator chose: an address left out is a channel not used.
            reader = replace(
                reader, phone=reader.phone if by_sms else "", email=reader.email if by_email else ""
            )
            notify(reader, COORDINATOR_MESSAGE, context)
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
            notify(
                Recipient.of_user(application.volunteer),
                SHIFT_REMINDER,
                {
                    "shift": shift_text(shift),
                    "place": in_reader_language(lambda o=shift.opportunity: o.place),
                },
            )
            application.reminder_sent_at = now
            application.save(update_fields=["reminder_sent_at", "updated_at"])
            sent += 1
        if sent:
            audit_log(
                action="joud.volunteering.reminders_sent", data={"count": sent, "day": tomorrow}
            )
    return sent
