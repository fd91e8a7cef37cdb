"""Periodic ledger work: chain new transactions and fold new deltas into totals."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.ledger.services import ledger_fold, ledger_seal


@periodic(every=dt.timedelta(seconds=1), name="ledger.seal_and_fold")
@task
def seal_and_fold() -> dict:
    return {"sealed": ledger_seal(), "folded": ledger_fold()}
