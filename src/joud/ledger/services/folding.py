"""Folding: pending raised-total deltas move into the per-account totals the pages read, so
that no confirmation ever updates a hot total row."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from joud.ledger.models import AccountTotal, RaisedDelta

_FOLD_SQL = """
WITH moved AS (
    DELETE FROM ledger_raiseddelta RETURNING account_id, raised, donations
), summed AS (
    SELECT account_id, SUM(raised) AS raised, SUM(donations) AS donations
    FROM moved GROUP BY account_id
)
INSERT INTO ledger_accounttotal (account_id, raised, donations, updated_at)
SELECT account_id, raised, donations, now() FROM summed
ON CONFLICT (account_id) DO UPDATE SET
    raised = ledger_accounttotal.raised + EXCLUDED.raised,
    donations = ledger_accounttotal.donations + EXCLUDED.donations,
    updated_at = EXCLUDED.updated_at
"""


# The application never runs VACUUM in production: autovacuum does (deploy/postgresql/joud.conf,
# and per-table thresholds for the fold's queue table, migration ledger 0007). Only a server with
# autovacuum off (this machine kind's, under the bench) opts in with JOUD_FOLD_VACUUM: then every
# fold leaves each moved delta behind as a dead row that every later fold and exact read walks.
FOLD_VACUUM_EVERY_S = 30.0
_last_vacuum = 0.0  # per process, on purpose: a throttle of this process's own statements


def _vacuum_deltas_now_and_then() -> None:
    global _last_vacuum
    if not settings.JOUD_FOLD_VACUUM:
        return
    now = time.monotonic()
    if now - _last_vacuum < FOLD_VACUUM_EVERY_S or connection.in_atomic_block:
        return  # VACUUM cannot run inside a transaction
    _last_vacuum = now
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (SKIP_LOCKED) ledger_raiseddelta")


def ledger_fold() -> int:
    """Move pending deltas into the folded totals. Exact: only committed deltas are moved.

    On PostgreSQL one statement (``DELETE … RETURNING`` feeding an upsert) so a delta committed
    while the fold runs is either moved whole or left for the next fold. SQLite (the demo)
    serialises writers, so a read-then-delete in one transaction is just as exact there.
    """
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_FOLD_SQL)
            folded = cursor.rowcount
        _vacuum_deltas_now_and_then()
        return folded
    with transaction.atomic():
        top = RaisedDelta.objects.aggregate(m=Max("id"))["m"]
        if top is None:
            return 0
        pending = RaisedDelta.objects.filter(id__lte=top)
        sums = pending.values("account_id").annotate(r=Sum("raised"), n=Sum("donations"))
        for row in sums:
            total, _created = AccountTotal.objects.get_or_create(account_id=row["account_id"])
            AccountTotal.objects.filter(pk=total.pk).update(
                raised=total.raised + row["r"],
                donations=total.donations + row["n"],
                updated_at=timezone.now(),
            )
        count = len(sums)
        pending.delete()
        return count
