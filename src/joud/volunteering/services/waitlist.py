"""Places on a shift: accept while there is room, else queue; fill freed places in queue order.

Every function here expects its caller to hold the row lock on the shift.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.notify import Recipient, notify
from joud.volunteering.models import Application, Shift
from joud.volunteering.notifications import PLACE_OPENED, shift_text


def allocate(shift: Shift, application: Application, now: dt.datetime) -> None:
    """Accept if a place is free, else queue. The caller holds the lock on ``shift``."""
    accepted = shift.applications.filter(status=Application.Status.ACCEPTED).count()
    application.status = (
        Application.Status.ACCEPTED if accepted < shift.capacity else Application.Status.WAITLISTED
    )
    application.queued_at = now
    application.decided_at = now


def promote_waitlisted(shift: Shift) -> list[Application]:
    """Fill free places from the head of the waiting list. The caller holds the lock on ``shift``."""
    promoted = []
    accepted = shift.applications.filter(status=Application.Status.ACCEPTED).count()
    free = shift.capacity - accepted
    if free <= 0:
        return promoted
    queue = shift.applications.filter(status=Application.Status.WAITLISTED).order_by(
        "queued_at", "id"
    )
    now = timezone.now()
    for application in queue[:free]:
        application.status = Application.Status.ACCEPTED
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        audit_log(
            action="joud.volunteering.signup_promoted",
            target=application,
            data={"shift": shift.pk},
        )
        notify(
            Recipient.of_user(application.volunteer),
            PLACE_OPENED,
            {"shift": shift_text(shift)},
        )
        promoted.append(application)
    return promoted
