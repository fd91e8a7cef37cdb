"""Background work for cases: the nightly full duplicate run.

New people are checked inline on entry (a few milliseconds through the stored blocking keys);
the full run refreshes the name-frequency tables and catches what entry-time checks could not
(for instance a pair whose second record changed after entry).
"""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from joud.beneficiaries.services import duplicates_detect_all
from joud.core.scheduling import periodic


@periodic(every=dt.timedelta(hours=24))
@task
def detect_duplicates() -> dict:
    return duplicates_detect_all()
