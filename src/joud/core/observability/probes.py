"""Readings of the platform's own state from the database, shared by ``/readyz`` and ``/metrics``:
the task queue's depth, how far the public totals lag the ledger, the scheduler's heartbeat.

The heartbeat is one ``PeriodicJobRun`` row (job ``scheduler.heartbeat``) whose time every
scheduler moves forward on each loop: it lives in the database every node shares, needs no table
of its own, and hourly pruning only ever removes a heartbeat that stopped a day ago.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from joud.core.models import PeriodicJobRun

FOLD_JOB = "ledger.fold"  # joud.ledger.tasks.fold's periodic name
LEDGER_QUEUE = "ledger"
HEARTBEAT_JOB = "scheduler.heartbeat"


def queue_depth() -> int:
    """Tasks waiting to run, every queue together."""
    return DBTaskResult.objects.ready().count()


def queue_depths() -> dict[str, int]:
    """Tasks waiting to run, by queue."""
    rows = DBTaskResult.objects.ready().values("queue_name").annotate(n=Count("id"))
    return {row["queue_name"]: row["n"] for row in rows.order_by()}


def fold_lag_seconds(now: dt.datetime | None = None) -> float | None:
    """How far the public totals may be behind the ledger: since the scheduler last claimed a
    fold, or since the oldest fold still waits for the ledger worker. None: never folded."""
    now = now or timezone.now()
    last = PeriodicJobRun.objects.filter(job=FOLD_JOB).order_by("-slot").first()
    if last is None:
        return None
    waiting = (
        DBTaskResult.objects.ready()
        .filter(queue_name=LEDGER_QUEUE)
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    return max(now - last.enqueued_at, now - (waiting or now)).total_seconds()


def record_heartbeat(now: dt.datetime | None = None) -> None:
    """The scheduler is alive: move the heartbeat row to ``now`` (created on the first beat)."""
    now = now or timezone.now()
    if PeriodicJobRun.objects.filter(job=HEARTBEAT_JOB).update(slot=now, enqueued_at=now):
        return
    try:
        with transaction.atomic():
            PeriodicJobRun.objects.create(job=HEARTBEAT_JOB, slot=now)
    except IntegrityError:  # another scheduler created it at the same instant
        pass


def heartbeat_age_seconds(now: dt.datetime | None = None) -> float | None:
    """Seconds since any scheduler last beat; None if none ever did (or it was pruned)."""
    now = now or timezone.now()
    last = (
        PeriodicJobRun.objects.filter(job=HEARTBEAT_JOB)
        .order_by("-slot")
        .values_list("slot", flat=True)
        .first()
    )
    return None if last is None else max(0.0, (now - last).total_seconds())
