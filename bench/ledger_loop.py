"""Production's background work for the bench: the periodic jobs that run beside the web
workers on a donation night, run the way ``run_scheduler`` + one ``db_worker`` run them: each
job once per slot of its own period, one after another in one process (so a slow job delays the
next one exactly as it would in that worker). The bench runs two, as production does: one for
the ``ledger`` queue (the fold) and one for the rest. Until SIGTERM.

Jobs (the registered ones, by name): ``ledger.fold`` (1 s), ``ledger.seal`` (2 s),
``receipts.number_pending`` (2 s). Writes one JSON line per job run to stdout:
``{"t", "job", "took", "result"}``.

    python bench/ledger_loop.py <database> [job name ...]
"""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import setup_django

DEFAULT_JOBS = ("ledger.fold", "ledger.seal", "receipts.number_pending")
stop = False


def _stop(*_args):
    global stop
    stop = True


def main() -> None:
    setup_django(sys.argv[1])
    from django.conf import settings
    from django.db import connection

    from joud.core.scheduling import load_periodic_jobs
    from joud.core.tenancy import scopes_disabled

    with connection.cursor() as cursor:  # production runs autovacuum; this machine kind has it off
        cursor.execute("SHOW autovacuum")
        settings.JOUD_FOLD_VACUUM = cursor.fetchone()[0] != "on"
    registry = load_periodic_jobs()
    jobs = [registry[name] for name in sys.argv[2:] or DEFAULT_JOBS]
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    last_slot: dict[str, int] = {}
    while not stop:
        now = time.time()
        for job in jobs:
            every = job.every.total_seconds()
            slot = int(now // every)
            if last_slot.get(job.name) == slot:
                continue
            last_slot[job.name] = slot
            started = time.monotonic()
            with scopes_disabled():
                result = job.task.call()
            took = time.monotonic() - started
            line = {"t": time.time() - took, "job": job.name, "took": round(took, 4)}
            line["result"] = result
            print(json.dumps(line, default=str), flush=True)
            if stop:
                break
        time.sleep(max(0.0, 1.0 - (time.time() - now)) if not stop else 0)


if __name__ == "__main__":
    main()
