import time

from django.core.management.base import BaseCommand

from joud.core.scheduling import REGISTRY, enqueue_due_jobs, load_periodic_jobs


class Command(BaseCommand):
    help = "Enqueue periodic jobs (recurring giving, deadline checks, ledger folding) on time."

    def add_arguments(self, parser):
        # Every second: the shortest periodic job (ledger.fold) runs every second, and the
        # public totals must lag the ledger by at most two.
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between checks")
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args, interval: float, once: bool, **options):
        load_periodic_jobs()
        self.stdout.write(f"scheduler: {len(REGISTRY)} periodic job(s): {', '.join(REGISTRY)}")
        while True:
            for name in enqueue_due_jobs():
                self.stdout.write(f"scheduler: enqueued {name}")
            if once:
                return
            time.sleep(interval)
