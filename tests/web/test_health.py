"""/healthz says the process is alive; /readyz says whether the node can serve, naming what fails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from joud.core.models import PeriodicJobRun
from joud.core.observability import probes
from joud.core.tasks import send_sms_task
from joud.ledger.tasks import fold
from joud.payments.models import WebhookEvent
from joud.web import health

DB_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "notifications", "payments", "ledger"],
    }
}


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query would fail this test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def _fold_claimed(ago: dt.timedelta, *, heartbeat_ago: dt.timedelta | None = None) -> None:
    """The scheduler claimed a fold ``ago`` and beat ``heartbeat_ago`` (by default: just now)."""
    run = PeriodicJobRun.objects.create(job=health.FOLD_JOB, slot=timezone.now() - ago)
    PeriodicJobRun.objects.filter(pk=run.pk).update(enqueued_at=timezone.now() - ago)
    probes.record_heartbeat(timezone.now() - (heartbeat_ago or dt.timedelta(0)))


@pytest.mark.django_db
def test_readyz_is_200_when_every_check_passes(client):
    _fold_claimed(dt.timedelta(seconds=1))
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert set(body["checks"]) == {
        "database",
        "cache",
        "queue",
        "fold_lag",
        "scheduler",
        "payment_events",
    }


@pytest.mark.django_db
def test_readyz_names_the_fold_lag_when_the_scheduler_stopped(client, settings):
    settings.JOUD_READY_MAX_FOLD_LAG_SECONDS = 60
    _fold_claimed(dt.timedelta(minutes=10))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["fold_lag"]
    assert response.json()["checks"]["fold_lag"]["seconds"] >= 600


@pytest.mark.django_db
def test_readyz_is_not_ready_before_the_first_fold(client):
    probes.record_heartbeat()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["fold_lag"]


@pytest.mark.django_db
def test_readyz_names_the_scheduler_when_its_heartbeat_is_too_old(client, settings):
    settings.JOUD_READY_MAX_SCHEDULER_SILENCE_SECONDS = 30
    settings.JOUD_READY_MAX_FOLD_LAG_SECONDS = 600  # the fold alone would still pass
    _fold_claimed(dt.timedelta(seconds=40), heartbeat_ago=dt.timedelta(seconds=40))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["scheduler"]
    check = response.json()["checks"]["scheduler"]
    assert check["ok"] is False and check["seconds"] >= 40 and check["max"] == 30


@pytest.mark.django_db
def test_readyz_is_not_ready_before_any_scheduler_beat(client):
    PeriodicJobRun.objects.create(job=health.FOLD_JOB, slot=timezone.now())  # folds, no beat
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["scheduler"]
    assert response.json()["checks"]["scheduler"]["seconds"] is None


@pytest.mark.django_db
def test_the_scheduler_loop_moves_the_one_heartbeat_row_forward(client, monkeypatch):
    from joud.core import scheduling

    monkeypatch.setattr(scheduling, "REGISTRY", {})  # no jobs: only the heartbeat
    _fold_claimed(dt.timedelta(seconds=1), heartbeat_ago=dt.timedelta(hours=1))
    assert client.get("/readyz").json()["failing"] == ["scheduler"]
    scheduling.enqueue_due_jobs()
    scheduling.enqueue_due_jobs()
    assert PeriodicJobRun.objects.filter(job=probes.HEARTBEAT_JOB).count() == 1
    assert probes.heartbeat_age_seconds() < 5
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS, JOUD_READY_MAX_QUEUE_DEPTH=0)
def test_readyz_names_the_queue_when_too_many_tasks_wait(client):
    _fold_claimed(dt.timedelta(seconds=1))
    send_sms_task.enqueue(to="+96891234567", body="waiting")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["queue"]
    assert response.json()["checks"]["queue"] == {"ok": False, "depth": 1, "max": 0}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_readyz_names_the_fold_lag_when_the_ledger_worker_is_behind(client):
    _fold_claimed(dt.timedelta(seconds=1))  # the scheduler is alive…
    fold.enqueue()  # …but the fold it queued waits for the ledger worker
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=5))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["fold_lag"]


@pytest.mark.django_db
def test_readyz_names_the_cache_when_it_is_down(client, monkeypatch):
    _fold_claimed(dt.timedelta(seconds=1))

    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(health.cache, "set", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}


def test_readyz_names_the_database_when_it_is_down(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    for name in ("check_database", "check_queue", "check_fold_lag", "check_scheduler"):
        monkeypatch.setitem(health.CHECKS, name.removeprefix("check_"), down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database", "queue", "fold_lag", "scheduler"]


@pytest.mark.django_db
def test_readyz_names_a_consumer_that_does_not_keep_up(client, settings):
    """An accepted gateway event waiting too long takes the node out; events left for a person
    after failing are only counted."""
    settings.JOUD_READY_MAX_APPLY_LAG_SECONDS = 60
    _fold_claimed(dt.timedelta(seconds=1))
    old = timezone.now() - dt.timedelta(minutes=5)
    WebhookEvent.objects.create(
        provider="sandbox", event_id="evt_failed", reference="JD-A-P1", received_at=old,
        result="failed",
    )  # fmt: skip
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    check = response.json()["checks"]["payment_events"]
    assert (check["failed"], check["waiting"], check["oldest_seconds"]) == (1, 0, None)
    WebhookEvent.objects.create(
        provider="sandbox", event_id="evt_late", reference="JD-B-P1", received_at=old
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["payment_events"]
    assert response.json()["checks"]["payment_events"]["oldest_seconds"] >= 300
