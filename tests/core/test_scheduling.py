import datetime as dt

import pytest
from django.tasks import task
from django.utils import timezone

from joud.core import scheduling, tasks
from joud.core.models import PeriodicJobRun

pytestmark = pytest.mark.django_db

RUNS: list[int] = []


@task()
def _tick():
    RUNS.append(1)


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(scheduling, "REGISTRY", {})
    RUNS.clear()
    scheduling.periodic(every=dt.timedelta(minutes=5), name="test.tick")(_tick)
    return scheduling.REGISTRY


def test_a_slot_is_enqueued_once_however_often_the_scheduler_wakes(registry):
    now = dt.datetime(2026, 11, 26, 10, 1, tzinfo=dt.UTC)
    assert scheduling.enqueue_due_jobs(now) == ["test.tick"]
    assert scheduling.enqueue_due_jobs(now + dt.timedelta(minutes=2)) == []
    assert RUNS == [1]  # the immediate backend ran it once
    assert PeriodicJobRun.objects.filter(job="test.tick").count() == 1


def test_the_next_slot_runs_again(registry):
    now = dt.datetime(2026, 11, 26, 10, 1, tzinfo=dt.UTC)
    scheduling.enqueue_due_jobs(now)
    assert scheduling.enqueue_due_jobs(now + dt.timedelta(minutes=5)) == ["test.tick"]
    assert len(RUNS) == 2


def test_slots_are_aligned():
    every = dt.timedelta(minutes=5)
    a = scheduling.slot_for(dt.datetime(2026, 11, 26, 10, 4, 59, tzinfo=dt.UTC), every)
    b = scheduling.slot_for(dt.datetime(2026, 11, 26, 10, 0, 0, tzinfo=dt.UTC), every)
    assert a == b == dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_old_slot_rows_are_pruned_every_hour_and_current_ones_kept():
    now = timezone.now()
    PeriodicJobRun.objects.create(job="ledger.fold", slot=now - dt.timedelta(days=2))
    PeriodicJobRun.objects.create(job="ledger.fold", slot=now - dt.timedelta(hours=1))
    PeriodicJobRun.objects.create(job="ledger.fold", slot=now)
    assert tasks.prune_bookkeeping(now)["slots"] == 1
    assert PeriodicJobRun.objects.count() == 2
    job = scheduling.load_periodic_jobs()["core.prune_bookkeeping"]
    assert job.every == dt.timedelta(hours=1)
