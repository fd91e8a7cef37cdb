"""Readiness: can this node serve? The database, the shared cache, the task queue, the ledger fold,
the scheduler's heartbeat, the payment events waiting for the consumer.

Each check returns ``(ok, details)`` and never raises: a failing dependency is reported by name
with a 503, so a load balancer takes the node out and an operator sees which part is down.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from joud.core.observability import probes
from joud.donations.selectors import payment_events_backlog

FOLD_JOB = probes.FOLD_JOB


def check_database() -> tuple[bool, dict]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,), {}


def check_cache() -> tuple[bool, dict]:
    """A round trip through the cache every process shares (Redis in production)."""
    key, value = "joud:readyz", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    return cache.get(key) == value, {"backend": settings.CACHES["default"]["BACKEND"]}


def check_queue() -> tuple[bool, dict]:
    """Tasks waiting to run (receipts, messages, webhooks' follow-ups) under the bound."""
    depth = probes.queue_depth()
    limit = settings.JOUD_READY_MAX_QUEUE_DEPTH
    return depth <= limit, {"depth": depth, "max": limit}


def check_fold_lag(now: dt.datetime | None = None) -> tuple[bool, dict]:
    """How far the public totals may be behind the ledger (``probes.fold_lag_seconds``)."""
    limit = settings.JOUD_READY_MAX_FOLD_LAG_SECONDS
    lag = probes.fold_lag_seconds(now)
    if lag is None:
        return False, {"seconds": None, "max": limit, "error": "the scheduler never ran the fold"}
    return lag <= limit, {"seconds": round(lag, 1), "max": limit}


def check_scheduler(now: dt.datetime | None = None) -> tuple[bool, dict]:
    """The scheduler's last heartbeat (any node's) is recent: periodic jobs are being enqueued."""
    limit = settings.JOUD_READY_MAX_SCHEDULER_SILENCE_SECONDS
    age = probes.heartbeat_age_seconds(now)
    if age is None:
        return False, {"seconds": None, "max": limit, "error": "no scheduler heartbeat yet"}
    return age <= limit, {"seconds": round(age, 1), "max": limit}


def check_payment_events(now: dt.datetime | None = None) -> tuple[bool, dict]:
    """The consumer keeps up: the oldest accepted gateway event waits under the bound. Events
    that failed too often to be applied are counted (``failed``): they wait for a person and do
    not take the node out."""
    limit = settings.JOUD_READY_MAX_APPLY_LAG_SECONDS
    backlog = payment_events_backlog(now)
    age = backlog["oldest_seconds"]
    details = {**backlog, "oldest_seconds": None if age is None else round(age, 1), "max": limit}
    return age is None or age <= limit, details


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "queue": check_queue,
    "fold_lag": check_fold_lag,
    "scheduler": check_scheduler,
    "payment_events": check_payment_events,
}


def readiness() -> tuple[bool, dict]:
    results = {}
    for name, check in CHECKS.items():
        try:
            ok, details = check()
        except Exception as exc:  # a dependency down is a result to report, not a crash
            ok, details = False, {"error": exc.__class__.__name__}
        results[name] = {"ok": ok, **details}
    return all(r["ok"] for r in results.values()), results
