"""Background tasks of the foundation: sending messages without holding up a request, and
pruning the scheduler's and the task worker's own bookkeeping."""

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from joud.core.messaging import deliver
from joud.core.models import PeriodicJobRun
from joud.core.scheduling import periodic


# One attempt each: a transient failure enqueues the next one after a backoff, with the
# delivery record's id (joud.core.messaging.delivery); never raised, so never lost in a log.
@task(queue_name="default")
def send_sms_task(*, to: str, body: str, purpose: str = "", delivery_id: int | None = None):
    deliver(channel="sms", to=to, body=body, purpose=purpose, delivery_id=delivery_id)


@task(queue_name="default")
def send_email_task(
    *,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    purpose: str = "",
    delivery_id: int | None = None,
) -> None:
    deliver(
        channel="email",
        to=to,
        subject=subject,
        body=body,
        html_body=html_body,
        purpose=purpose,
        delivery_id=delivery_id,
    )


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
