"""The daily open-data job: the scheduler claims each day's slot once, and the job itself
writes at most once per slot (``services.opendata_publish``)."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.transparency.scorecards import scorecards_recompute
from joud.transparency.services import EVERY, opendata_publish


@periodic(every=EVERY, name="transparency.open_data")
@task
def publish_open_data() -> str:
    release = opendata_publish()
    return f"published {release.slot:%Y-%m-%d}" if release else "already published"


@periodic(every=dt.timedelta(days=1), name="transparency.scorecards")
@task
def recompute_scorecards() -> str:
    """Every night: each organization's score for the current quarter, and its percentile."""
    return f"scored {scorecards_recompute()} organizations"
