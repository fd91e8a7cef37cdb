import logging
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

from joud.core.scheduling import REGISTRY, enqueue_due_jobs, load_periodic_jobs

logger = logging.getLogger("joud.core.scheduling")


def tick(stdout) -> bool:
    """One check. A database that is restarting or unreachable is waited out, not fatal: the
    scheduler drops its broken connection and tries again at the next check (make chaos saw it
    exit on every PostgreSQL restart). Returns whether the check reached the database."""
    try:
        for name in enqueue_due_jobs():
            stdout.write(f"scheduler: enqueued {name}")
    except (OperationalError, InterfaceError) as exc:
        logger.warning("scheduler: database unavailable, retrying: %s", str(exc).strip()[:200])
        connections.close_all()
        return False
    return True


def until_next(interval: float, now: float | None = None) -> float:
    """Seconds to the next multiple of ``interval``: checks stay on the second instead of
    drifting by however long each check took (a drifting scheduler skips fold slots)."""
    now = time.time() if now is None else now
    return interval - (now % interval) or interval


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
            tick(self.stdout)
            if once:
                return
            time.sleep(until_next(interval))
