"""Production's scheduler for the bench: run the periodic ``ledger.seal_and_fold`` job every
second (what ``run_scheduler`` + ``db_worker`` do in production), until SIGTERM. Writes one
JSON line per run to stdout: sealed, folded, seconds.

    python bench/ledger_loop.py <database>
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
    from joud.core.scheduling import REGISTRY  # noqa: F401  (the job as registered)
    from joud.ledger.tasks import seal_and_fold

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop:
        started = time.monotonic()
        result = seal_and_fold.call()
        took = time.monotonic() - started
        print(json.dumps({"t": time.time(), "took": round(took, 4), **result}), flush=True)
        time.sleep(max(0.0, 1.0 - took))


if __name__ == "__main__":
    main()
