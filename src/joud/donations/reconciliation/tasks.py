"""The daily reconciliation of every enabled gateway (a periodic job)."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.scheduling import periodic
from joud.core.tenancy import scopes_disabled
from joud.donations.reconciliation.runs import reconciliation_run
from joud.donations.services.pending import POLL_PERIOD, pending_payments_poll
from joud.payments.settlement import ReportError

logger = logging.getLogger(__name__)


@periodic(every=dt.timedelta(days=1), name="payments.reconcile_daily")
@task
def reconcile_daily(day: str | None = None) -> dict:
    """Reconcile yesterday (local time, a complete day) for each provider in
    ``JOUD_PAYMENT_PROVIDERS``; each run is written to the audit log as
    ``joud.reconciliation.completed`` with its counts (``joud.reconciliation.skipped`` when the
    gateway's report has not been dropped yet)."""
    the_day = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    results = {}
    with scopes_disabled():
        for provider in settings.JOUD_PAYMENT_PROVIDERS:
            try:
                result = reconciliation_run(provider, the_day)
            except (FileNotFoundError, ReportError) as exc:
                audit_log(
                    action="joud.reconciliation.skipped",
                    data={"provider": provider, "day": the_day.isoformat(), "reason": str(exc)},
                )
                results[provider] = {"skipped": str(exc)}
                continue
            if not result.ok:
                logger.warning(
                    "reconciliation %s %s: %s difference(s)",
                    provider,
                    the_day,
                    len(result.differences),
                )
            results[provider] = result.summary()
    return results


@periodic(every=POLL_PERIOD, name="payments.poll_pending")
@task
def poll_pending_payments() -> dict:
    """Ask the gateways about payments no webhook confirmed (``services.pending``)."""
    with scopes_disabled():
        return pending_payments_poll()
