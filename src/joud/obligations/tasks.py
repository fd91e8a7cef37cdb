"""Background work of the obligations: the zakat al-fitr reminders in Ramadan's last days."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.obligations.reminders import fitr_reminders_send


@periodic(every=dt.timedelta(hours=6), name="obligations.fitr_reminders")
@task
def fitr_reminders() -> int:
    return fitr_reminders_send()
