import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

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


def test_the_scheduler_finds_every_periodic_job_through_the_apps_tasks_modules():
    """A job registers only if its module is imported from ``<app>.tasks``: a job moved to
    another module and not named there would silently never run. Checked in a fresh process,
    where nothing else has imported the jobs' modules."""
    code = (
        "import django; django.setup()\n"
        "from joud.core.scheduling import load_periodic_jobs\n"
        "print('\\n'.join(sorted(load_periodic_jobs())))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "joud.settings.test",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
        },
    ).stdout.split()
    assert {
        "core.prune_bookkeeping",
        "donations.recurring_charge_due",
        "ledger.fold",
        "ledger.seal",
        "payments.reconcile_daily",
        "receipts.number_pending",
        "receipts.number_pending_sweep",
        "joud.volunteering.shift_reminders",
        "joud.beneficiaries.tasks.detect_duplicates",
        "joud.campaigns.tasks.advance_initiatives",
    } <= set(found)


@pytest.mark.django_db
def test_a_database_restart_is_waited_out_not_fatal(monkeypatch, caplog):
    """PostgreSQL restarting under the scheduler (make chaos): the check fails, the connection
    is dropped, and the next check enqueues again; the process does not exit."""
    from io import StringIO

    from django.db import OperationalError

    from joud.core.management.commands import run_scheduler

    calls = []

    def flaky(now=None):
        calls.append(now)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return ["ledger.fold"]

    closed = []
    monkeypatch.setattr(run_scheduler, "enqueue_due_jobs", flaky)
    monkeypatch.setattr(run_scheduler.connections, "close_all", lambda: closed.append(True))
    out = StringIO()
    assert run_scheduler.tick(out) is False
    assert closed == [True] and "database unavailable" in caplog.text
    assert run_scheduler.tick(out) is True
    assert "enqueued ledger.fold" in out.getvalue()


def test_checks_stay_on_the_second_instead_of_drifting():
    from joud.core.management.commands.run_scheduler import until_next

    assert until_next(1.0, now=100.25) == pytest.approx(0.75)
    assert until_next(1.0, now=100.0) == 1.0
    assert until_next(2.0, now=101.5) == pytest.approx(0.5)
