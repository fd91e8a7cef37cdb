"""Periodic work: the campaign calendar (start, end, overdue reports)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.campaigns.services import initiatives_advance
from joud.core.scheduling import periodic


@periodic(every=dt.timedelta(minutes=15))
@task
def advance_initiatives() -> dict:
    return initiatives_advance()
