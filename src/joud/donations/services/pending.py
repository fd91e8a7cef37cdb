"""Payments nobody confirmed: ask the gateway about them, with back-off, for up to a day.

A payer may close the tab after paying and the gateway's webhook may never arrive (or be
refused while a key was wrong). Thawani tells merchants to check a payment's status
periodically, and Stripe not to rely on the landing page. So a periodic job asks the gateway
about every attempt still created or pending once it is ``JOUD_PAYMENT_POLL_AFTER`` old, then
again at doubling ages (3, 6, 12, 24, 48, 96 minutes…, at most every ``POLL_CAP`` apart) until
it is ``JOUD_PAYMENT_POLL_FOR`` old. The schedule is a function of the attempt's age alone, so
nothing is stored per attempt; a run that is skipped only skips one check.

Every answer goes through ``payment_event_apply`` — the very function the webhook endpoint
calls — so a poll and a webhook racing for one payment confirm it exactly once (the attempt row
is locked and re-read; a settled attempt never changes again).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from joud.core.audit import audit_log
from joud.donations.selectors import attempts_awaiting_gateway
from joud.donations.services.confirmation import payment_event_apply
from joud.payments.registry import get_provider

logger = logging.getLogger(__name__)

POLL_PERIOD = dt.timedelta(minutes=5)  # how often the periodic job runs (tasks.py)
POLL_CAP = dt.timedelta(hours=2)  # back-off never waits longer than this between two checks
# What a poll did, in the words of the reconciliation report.
FIXED = {"confirm": "confirmed", "hold": "held", "fail": "failed"}


def poll_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOUD_PAYMENT_POLL_AFTER_SECONDS)


def poll_for() -> dt.timedelta:
    return dt.timedelta(hours=settings.JOUD_PAYMENT_POLL_FOR_HOURS)


def checkpoints(first: dt.timedelta, last: dt.timedelta) -> list[dt.timedelta]:
    """The ages at which an unconfirmed attempt is checked: doubling from ``first``, at most
    ``POLL_CAP`` apart, up to ``last``."""
    points, age = [], first
    while age <= last:
        points.append(age)
        age = min(age * 2, age + POLL_CAP)
    return points


def poll_due(age: dt.timedelta, *, every: dt.timedelta = POLL_PERIOD) -> bool:
    """Whether a run at this age is the first one past a checkpoint (runs are ``every`` apart)."""
    return any(age - every < point <= age for point in checkpoints(poll_after(), poll_for()))


def pending_payments_poll(*, now: dt.datetime | None = None, every=POLL_PERIOD) -> dict:
    """Ask the gateways about the attempts due a check; apply each answer exactly once.

    Returns a report ``{"asked": n, "unanswered": n, "confirmed": [refs], "held": [refs],
    "failed": [refs]}``, also written to the audit log (``joud.payment.pending_polled``) when a
    gateway was asked."""
    now = now or timezone.now()
    report: dict = {"asked": 0, "unanswered": 0, **{v: [] for v in FIXED.values()}}
    actions: dict[str, int] = defaultdict(int)
    candidates = attempts_awaiting_gateway(
        older_than=now - poll_after(), newer_than=now - poll_for()
    )
    for attempt in candidates.iterator(chunk_size=200):
        if not poll_due(now - attempt.created_at, every=every):
            continue
        provider = get_provider(attempt.provider)
        if provider is None:
            continue
        report["asked"] += 1
        try:
            event = provider.poll(attempt)
        except Exception:  # one gateway's trouble must not stop the others' checks
            logger.exception("polling %s for %s failed", attempt.provider, attempt.reference)
            event = None
        if event is None or event.outcome is None:
            report["unanswered"] += 1
            continue
        action = payment_event_apply(event=event)
        actions[action] += 1
        if action in FIXED:
            report[FIXED[action]].append(attempt.reference)
    if report["asked"]:
        audit_log(action="joud.payment.pending_polled", data={**report, "actions": dict(actions)})
    return report
