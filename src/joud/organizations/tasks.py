"""Background work for organizations: the licence expiry reminders."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.organizations.licence import licence_reminders_send


# Several times a day, so a reminder is never a day late after a missed run; each is sent once.
@periodic(every=dt.timedelta(hours=6))
@task
def send_licence_reminders() -> int:
    return licence_reminders_send()
