"""The insights job: every quarter of an hour, today's and yesterday's rollups are rewritten
(``services.rollups_refresh``), so the dashboards lag the donations by at most that."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.insights.cache import warm_national
from joud.insights.services import rollups_refresh

EVERY = dt.timedelta(minutes=15)


@periodic(every=EVERY, name="insights.rollups")
@task
def refresh_rollups() -> str:
    done = rollups_refresh()
    warm_national()
    return f"{done['gifts']} gifts, {done['donors']} donors, {done['visits']} visit counters"
