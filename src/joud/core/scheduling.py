"""A small periodic scheduler on top of Django's tasks framework.

Apps register periodic jobs with ``@periodic(every=timedelta(...))`` on a ``django.tasks`` task.
``manage.py run_scheduler`` wakes up regularly and enqueues each job once per slot; a slot is
claimed by inserting ``PeriodicJobRun(job, slot)`` under a unique constraint, so two schedulers
(or a restarted one) never enqueue the same slot twice. The worker (``db_worker``) runs them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from joud.core.models import PeriodicJobRun
from joud.core.observability.probes import record_heartbeat

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: dt.timedelta
    task: object  # a django.tasks Task


REGISTRY: dict[str, PeriodicJob] = {}


def periodic(*, every: dt.timedelta, name: str | None = None):
    def register(task):
        job_name = name or f"{task.module_path}"
        REGISTRY[job_name] = PeriodicJob(name=job_name, every=every, task=task)
        return task

    return register


def load_periodic_jobs() -> dict[str, PeriodicJob]:
    """Import every Joud app's ``tasks`` module, which registers its periodic jobs."""
    for config in apps.get_app_configs():
        if config.name.startswith("joud."):
            try:
                __import__(f"{config.name}.tasks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.tasks":
                    raise
    return REGISTRY


def slot_for(now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    seconds = int(every.total_seconds())
    elapsed = int((now - epoch).total_seconds())
    return epoch + dt.timedelta(seconds=elapsed - elapsed % seconds)


def enqueue_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every registered job whose current slot has not been claimed yet."""
    record_heartbeat()  # /readyz's "scheduler" check: some scheduler is looping
    now = now or timezone.now()
    enqueued = []
    for job in REGISTRY.values():
        slot = slot_for(now, job.every)
        try:
            with transaction.atomic():
                PeriodicJobRun.objects.create(job=job.name, slot=slot)
                job.task.enqueue()
        except IntegrityError:
            continue  # somebody already took this slot
        enqueued.append(job.name)
    return enqueued
