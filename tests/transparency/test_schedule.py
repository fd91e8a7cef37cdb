"""The daily job: registered with the periodic scheduler, one write per slot whoever runs it,
the slot given back when a run fails, old days removed with their files."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.core import scheduling
from joud.transparency import services
from joud.transparency.models import OpenDataRelease
from joud.transparency.tasks import publish_open_data
from tests.factories import InitiativeFactory
from tests.fixtures.environment import ensure_geo

# A day no other test publishes for (storage keeps files between tests).
DAY = dt.datetime(2031, 5, 4, 10, 30, tzinfo=dt.UTC)


def _stored(slot: dt.datetime) -> list[str]:
    folder = f"open-data/{slot:%Y%m%dT%H%M}"
    storage = services.storage()
    return sorted(storage.listdir(folder)[1]) if storage.exists(folder) else []


def test_the_daily_job_is_registered():
    jobs = scheduling.load_periodic_jobs()
    job = jobs["transparency.open_data"]
    assert job.every == dt.timedelta(days=1)
    assert job.task is publish_open_data


@pytest.mark.django_db
def test_the_scheduler_writes_once_per_slot():
    ensure_geo()
    InitiativeFactory()
    now = timezone.now()
    slot = services.current_slot(now)
    for name in _stored(slot):  # other tests' files of today (storage outlives them)
        services.storage().delete(f"open-data/{slot:%Y%m%dT%H%M}/{name}")
    scheduling.load_periodic_jobs()
    assert "transparency.open_data" in scheduling.enqueue_due_jobs(now)  # runs at once here
    assert "transparency.open_data" not in scheduling.enqueue_due_jobs(now)
    assert publish_open_data.call() == "already published"  # a retried or second task
    assert services.opendata_publish(now=now) is None
    (release,) = OpenDataRelease.objects.all()
    assert release.slot == slot and release.ready
    assert _stored(slot) == sorted(release.files)  # each file once: no second copy
    services.opendata_publish(now=now + dt.timedelta(days=1))  # the next day writes again
    assert OpenDataRelease.objects.count() == 2


@pytest.mark.django_db
def test_a_failed_run_gives_its_slot_back(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "build_files", broken)
    with pytest.raises(RuntimeError):
        services.opendata_publish(now=DAY)
    assert not OpenDataRelease.objects.exists()
    monkeypatch.undo()
    assert services.opendata_publish(now=DAY) is not None


@pytest.mark.django_db
def test_only_the_newest_days_are_kept():
    start = dt.datetime(2032, 1, 1, 1, tzinfo=dt.UTC)
    releases = [
        services.opendata_publish(now=start + dt.timedelta(days=n))
        for n in range(services.KEEP_RELEASES + 2)
    ]
    assert OpenDataRelease.objects.count() == services.KEEP_RELEASES
    oldest = releases[0]
    assert not services.storage().exists(oldest.files["grants.json"]["path"])
    assert services.storage().exists(releases[-1].files["grants.json"]["path"])


@pytest.mark.django_db
def test_the_demo_publishes_only_when_nothing_is_published():
    first = services.opendata_publish_if_missing()
    assert first is not None and first.ready
    assert services.opendata_publish_if_missing() is None
    assert OpenDataRelease.objects.count() == 1
