import datetime as dt

from django.tasks import task

from joud.core.scheduling import periodic
from joud.receipts.services import receipts_number_pending


@periodic(every=dt.timedelta(seconds=2), name="receipts.number_pending")
@task
def number_pending() -> int:
    return receipts_number_pending()
