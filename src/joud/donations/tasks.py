"""Background work for donations: the messages about a gift, and charging recurring plans."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.donations.messages import send_gift_card, send_refund_notice, send_thank_you
from joud.donations.reconciliation.tasks import poll_pending_payments, reconcile_daily
from joud.donations.recurring import recurring_charge_due
from joud.donations.services import accepted_events_apply

# The message tasks live beside their messages (the services enqueue them) and reconciliation's
# beside its matching; named here so that the scheduler, which loads ``<app>.tasks``, registers
# every periodic job and every task of the app can be found in its ``tasks`` module.
__all__ = [
    "apply_accepted_events",
    "charge_recurring",
    "poll_pending_payments",
    "reconcile_daily",
    "send_gift_card",
    "send_refund_notice",
    "send_thank_you",
]


@periodic(every=dt.timedelta(minutes=10), name="donations.recurring_charge_due")
@task
def charge_recurring() -> int:
    return recurring_charge_due()


# Every second on its own queue, draining for at most ~a second: the webhook's accepted events
# reach the books (and the thank-you page) without a dedicated process; busy platforms run
# ``manage.py apply_payment_events`` (several, in parallel) as well, which polls faster.
@periodic(every=dt.timedelta(seconds=1), name="donations.apply_accepted_events")
@task(queue_name="payments")
def apply_accepted_events() -> int:
    return accepted_events_apply(seconds=0.9).applied
