"""How far the displayed initiative total lags the ledger, sampled under load.

Every 250 ms: what the initiative page shows (ledger.progress.initiative_progress, the
folded total) and what the ledger holds (ledger.selectors.initiative_raised: folded + pending
deltas, exact at any moment). Writes JSON lines until SIGTERM.

    python bench/sampler.py <database> <initiative id>
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
    from joud.campaigns.models import Initiative
    from joud.core.tenancy import scopes_disabled
    from joud.ledger.progress import initiative_progress
    from joud.ledger.selectors import initiative_raised

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with scopes_disabled():
        initiative = Initiative.objects.get(pk=int(sys.argv[2]))
        while not stop:
            t = time.time()
            shown = initiative_progress(initiative)[0]
            exact = initiative_raised(initiative)
            print(json.dumps({"t": t, "shown": str(shown), "ledger": str(exact)}), flush=True)
            time.sleep(0.25)


if __name__ == "__main__":
    main()
