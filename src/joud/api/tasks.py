"""The API's background jobs: fan webhook events out of the audit log, attempt the deliveries
that are due, forget Idempotency-Key answers after a day, save imports in the background, and
purge import previews nobody saved."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from joud.accounts.models import User
from joud.api.imports.services import import_commit, import_previews_purge
from joud.api.models import IdempotentRequest, ImportBatch, MinistryIdempotentRequest
from joud.api.webhooks.services import due_deliveries, webhook_attempt, webhooks_catch_up
from joud.core.errors import BusinessError
from joud.core.scheduling import periodic
from joud.core.tenancy import scopes_disabled

IDEMPOTENCY_KEPT = dt.timedelta(days=1)


@task(queue_name="default")
def deliver_webhook(*, delivery_id: int) -> None:
    webhook_attempt(delivery_id=delivery_id)


@periodic(every=dt.timedelta(seconds=15), name="api.webhooks")
@task(queue_name="default")
def webhooks_tick() -> dict:
    """New events become deliveries; each due delivery is attempted in its own task."""
    fanned = webhooks_catch_up()
    due = due_deliveries()
    for delivery_id in due:
        deliver_webhook.enqueue(delivery_id=delivery_id)
    return {"fanned_out": fanned, "attempted": len(due)}


@periodic(every=dt.timedelta(hours=1), name="api.idempotency_prune")
@task(queue_name="default")
def idempotency_prune() -> int:
    cutoff = timezone.now() - IDEMPOTENCY_KEPT
    with scopes_disabled():
        deleted, _ = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    ministry, _ = MinistryIdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted + ministry


@periodic(every=dt.timedelta(hours=1), name="api.import_previews_purge")
@task(queue_name="default")
def import_previews_purge_task() -> int:
    """Previews left unsaved for a day go, with the encrypted rows they keep."""
    return import_previews_purge()


@task(queue_name="default")
def import_commit_task(*, batch_id: int, actor_id: int, ip: str | None = None) -> dict:
    """Save a previewed import in the background (the page shows its progress); a refusal
    stays on the batch's report, where the page shows it."""
    with scopes_disabled():
        batch = ImportBatch.objects.get(pk=batch_id)
        actor = User.objects.filter(pk=actor_id).first()
        try:
            batch = import_commit(batch=batch, actor=actor, ip=ip)
        except BusinessError as exc:
            return {"state": batch.state, "error": str(exc)}
    return {"state": batch.state, "rows": len(batch.created_ids)}
