"""Periodic work: the campaign calendar (start, end, overdue reports) and the final report's
escalation by working days."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.campaigns.services import final_reports_escalate, initiatives_advance
from joud.core.scheduling import periodic


@periodic(every=dt.timedelta(minutes=15))
@task
def advance_initiatives() -> dict:
    return initiatives_advance()


@periodic(every=dt.timedelta(hours=1))
@task
def escalate_final_reports() -> dict:
    return final_reports_escalate()
