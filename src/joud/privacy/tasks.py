"""Periodic jobs of personal data: the daily retention purge, and the hourly watch on breaches
whose 72 hours to tell the authority are running out."""

from __future__ import annotations

import datetime as dt
import logging

from django.tasks import task

from joud.core.scheduling import periodic
from joud.privacy.services.breaches import breaches_overdue
from joud.privacy.services.retention import retention_purge_all

logger = logging.getLogger(__name__)


@periodic(every=dt.timedelta(days=1), name="privacy.retention_purge")
@task
def retention_purge() -> dict:
    return {run.rule: [run.deleted, run.pseudonymised] for run in retention_purge_all()}


@periodic(every=dt.timedelta(hours=1), name="privacy.breach_deadlines")
@task
def breach_deadlines() -> int:
    """Log (an error, so alerting sees it) each breach not yet told to the authority within 12
    hours of its deadline."""
    count = 0
    for breach in breaches_overdue():
        logger.error(
            "breach %s: the authority must be told by %s", breach.pk, breach.authority_due_at
        )
        count += 1
    return count
