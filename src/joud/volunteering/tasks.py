"""Background jobs of volunteering (registered with the scheduler by ``run_scheduler``)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.volunteering import services


# Hourly, so a missed slot (a restart) still reminds everyone the day before; each sign-up is
# reminded once (``reminder_sent_at``), whichever run finds it first.
@periodic(every=dt.timedelta(hours=1), name="joud.volunteering.shift_reminders")
@task
def send_shift_reminders() -> int:
    return services.shift_reminders_send()
