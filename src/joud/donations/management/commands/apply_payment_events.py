"""``manage.py apply_payment_events [--batch 300] [--interval 0.05] [--once]``

A consumer of the events the webhook accepted: applies them in batches until none is waiting,
sleeps ``--interval`` seconds, and again, until stopped (SIGTERM or SIGINT end it between two
batches). Run several at once on PostgreSQL: they claim different events (SKIP LOCKED).
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand

from joud.core.tenancy import scopes_disabled
from joud.donations.services import accepted_events_apply


class Command(BaseCommand):
    help = "Apply the payment events that the webhook accepted, in batches (a consumer)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=300, help="events per transaction")
        parser.add_argument("--interval", type=float, default=0.05, help="idle sleep, seconds")
        parser.add_argument("--once", action="store_true", help="drain once, then exit")

    def handle(self, *args, batch: int, interval: float, once: bool, **options):
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        total = 0
        with scopes_disabled():
            while not stopping:
                total += accepted_events_apply(batch=batch, seconds=1.0).applied
                if once:
                    break
                time.sleep(interval)
        self.stdout.write(f"applied {total} events")
