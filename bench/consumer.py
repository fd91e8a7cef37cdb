"""The consumer of accepted webhooks for the bench, as ``manage.py apply_payment_events`` runs it
in production: drain the accepted events in batches, sleep a moment when none waits, until
SIGTERM. One JSON line per drain that applied something: ``{"t", "applied", "took"}``.

    python bench/consumer.py <database> [--drain]

``--drain``: apply everything waiting once, print ``{"applied", "seconds", "per_s"}`` and exit
(the bench's backlog phase).
"""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import setup_django

stop = False


def _stop(*_args):
    global stop
    stop = True


def main() -> None:
    setup_django(sys.argv[1])
    from joud.donations.services import accepted_events_apply

    if "--drain" in sys.argv[2:]:
        started = time.monotonic()
        drained = accepted_events_apply()
        took = time.monotonic() - started
        line = {"applied": drained.applied, "failed": drained.failed, "seconds": round(took, 3)}
        line["per_s"] = round(drained.applied / took, 1) if took else None
        print(json.dumps(line), flush=True)
        return
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop:
        started = time.monotonic()
        drained = accepted_events_apply(seconds=1.0)
        if drained.applied:
            took = round(time.monotonic() - started, 4)
            line = {"t": time.time() - took, "applied": drained.applied, "took": took}
            print(json.dumps(line), flush=True)
        else:
            time.sleep(0.05)


if __name__ == "__main__":
    main()
