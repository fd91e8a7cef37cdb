"""Periodic ledger work: fold new deltas into totals, and chain new transactions.

Two jobs, not one: folding is cheap and keeps the public totals within a second or two of the
ledger; sealing hashes every transaction and, after a Ramadan-night burst, has a backlog that one
uncapped run would take minutes to clear, with the fold waiting behind it. So the fold runs on
its own every second and each seal run is capped: the chain catches up after the burst while
totals stay fresh.
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.ledger.services import ledger_fold, ledger_seal

SEAL_BATCH = 2000


# Its own queue, for its own worker (``db_worker --queue-name ledger``): a fold must never wait
# behind a seal run or a batch of receipt numbers.
@periodic(every=dt.timedelta(seconds=1), name="ledger.fold")
@task(queue_name="ledger")
def fold() -> int:
    return ledger_fold()


@periodic(every=dt.timedelta(seconds=2), name="ledger.seal")
@task
def seal() -> int:
    return ledger_seal(batch=SEAL_BATCH, max_batches=1)
