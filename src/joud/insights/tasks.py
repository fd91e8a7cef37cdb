"""The insights jobs: every quarter of an hour, today's and yesterday's rollups are rewritten
(``services.rollups_refresh``), so the dashboards lag the donations by at most that; every night
the forecasts, the goal outlooks and the similar initiatives; every minute the payment attempts
of the last five minutes are scanned for card testing per initiative."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.insights.anomalies.scan import attempts_scan
from joud.insights.cache import warm_national
from joud.insights.forecast.services import forecasts_refresh
from joud.insights.recommend.build import similar_rebuild
from joud.insights.services import rollups_refresh

EVERY = dt.timedelta(minutes=15)


@periodic(every=EVERY, name="insights.rollups")
@task
def refresh_rollups() -> str:
    done = rollups_refresh()
    warm_national()
    return f"{done['gifts']} gifts, {done['donors']} donors, {done['visits']} visit counters"


@periodic(every=dt.timedelta(days=1), name="insights.forecasts")
@task
def refresh_forecasts() -> str:
    done = forecasts_refresh()
    similar = similar_rebuild()
    return (
        f"{done['days']} forecast days, {done['skipped']} series with too little history, "
        f"{done['outlooks']} goal outlooks, {similar} similar-initiative pairs"
    )


@periodic(every=dt.timedelta(minutes=1), name="insights.card_testing")
@task
def scan_payment_attempts() -> str:
    return f"{attempts_scan()} initiatives raised"
