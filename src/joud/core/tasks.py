"""Background tasks of the foundation: sending messages without holding up a request, and
pruning the scheduler's and the task worker's own bookkeeping."""

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from joud.core.messaging import send_email, send_sms
from joud.core.models import PeriodicJobRun
from joud.core.scheduling import periodic


@task(queue_name="default")
def send_sms_task(*, to: str, body: str) -> None:
    send_sms(to=to, body=body)


@task(queue_name="default")
def send_email_task(*, to: str, subject: str, body: str, html_body: str = "") -> None:
    send_email(to=to, subject=subject, body=body, html_body=html_body)


# --- housekeeping --------------------------------------------------------------------------

SLOTS_KEPT = dt.timedelta(days=1)
TASK_RESULTS_KEPT = dt.timedelta(days=7)


def prune_bookkeeping(now=None) -> dict:
    """The scheduler claims a slot row for every run and the worker keeps a result row per task:
    with the one-second fold that is ~130,000 rows a day each. Keep a day of slots (only the
    current ones guard against double runs) and a week of finished task results."""
    now = now or timezone.now()
    slots, _ = PeriodicJobRun.objects.filter(slot__lt=now - SLOTS_KEPT).delete()
    results, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lt=now - TASK_RESULTS_KEPT).delete()
    )
    return {"slots": slots, "task_results": results}


@periodic(every=dt.timedelta(hours=1), name="core.prune_bookkeeping")
@task(queue_name="default")
def prune_bookkeeping_task() -> dict:
    return prune_bookkeeping()
