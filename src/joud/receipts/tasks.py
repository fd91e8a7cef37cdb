import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.receipts.services import receipts_number_pending


@periodic(every=dt.timedelta(seconds=2), name="receipts.number_pending")
@task
def number_pending() -> int:
    """New confirmations only (since the previous run, with an overlap for late commits)."""
    return receipts_number_pending(incremental=True)


@periodic(every=dt.timedelta(minutes=10), name="receipts.number_pending_sweep")
@task
def number_pending_sweep() -> int:
    """The whole two-day window: whatever the quick job missed (a very late commit)."""
    return receipts_number_pending()
