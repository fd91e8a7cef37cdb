"""The daily open-data job: the scheduler claims each day's slot once, and the job itself
writes at most once per slot (``services.opendata_publish``)."""

from __future__ import annotations

from django.tasks import task

from joud.core.scheduling import periodic
from joud.transparency.services import EVERY, opendata_publish


@periodic(every=EVERY, name="transparency.open_data")
@task
def publish_open_data() -> str:
    release = opendata_publish()
    return f"published {release.slot:%Y-%m-%d}" if release else "already published"
