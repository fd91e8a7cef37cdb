"""Monthly rollups of the ledger per account and entry kind (``AccountMonth``).

The sealer adds each sealed batch's entries here, in its own transaction, so that a sealed entry
is counted exactly once; readers add the unsealed tail themselves (``month_rows``). Months are
calendar months in the platform's time zone (Oman's), like the statements that read them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, F, Max, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from joud.ledger.models import AccountMonth, Entry

ZERO = Decimal(0)


@dataclass
class Month:
    debit: object = ZERO
    credit: object = ZERO
    entries: int = 0
    first_credit_at: dt.datetime | None = None
    last_credit_at: dt.datetime | None = None

    def add(self, debit, credit, entries, first, last) -> None:
        self.debit += debit
        self.credit += credit
        self.entries += entries
        if first is not None and (self.first_credit_at is None or first < self.first_credit_at):
            self.first_credit_at = first
        if last is not None and (self.last_credit_at is None or last > self.last_credit_at):
            self.last_credit_at = last


def month_of(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def batch_months(txns: Iterable[dict], grouped: dict[int, list[dict]]) -> dict[tuple, Month]:
    """The months of one sealing batch: transactions (with ``created_at``) and their entries."""
    months: dict[tuple, Month] = defaultdict(Month)
    for txn in txns:
        at, month = txn["created_at"], month_of(txn["created_at"])
        for e in grouped[txn["id"]]:
            credited = at if e["credit"] > 0 else None
            months[(e["account_id"], month, e["kind"])].add(
                e["debit"], e["credit"], 1, credited, credited
            )
    return months


_UPSERT_PG = """
INSERT INTO ledger_accountmonth
    (account_id, month, kind, debit, credit, entries, first_credit_at, last_credit_at)
SELECT * FROM unnest(%s::bigint[], %s::date[], %s::text[], %s::numeric[], %s::numeric[],
                     %s::int[], %s::timestamptz[], %s::timestamptz[])
ON CONFLICT (account_id, month, kind) DO UPDATE SET
    debit = ledger_accountmonth.debit + excluded.debit,
    credit = ledger_accountmonth.credit + excluded.credit,
    entries = ledger_accountmonth.entries + excluded.entries,
    first_credit_at = LEAST(ledger_accountmonth.first_credit_at, excluded.first_credit_at),
    last_credit_at = GREATEST(ledger_accountmonth.last_credit_at, excluded.last_credit_at)
"""


def add_months(months: dict[tuple, Month]) -> None:
    """Add a sealed batch's months to the rollup (inside the sealer's transaction)."""
    if not months:
        return
    keys = sorted(months)  # a stable order: two writers never deadlock on each other's rows
    if connection.vendor == "postgresql":
        rows = [months[k] for k in keys]
        with connection.cursor() as cursor:
            cursor.execute(
                _UPSERT_PG,
                [
                    [k[0] for k in keys],
                    [k[1] for k in keys],
                    [k[2] for k in keys],
                    [m.debit for m in rows],
                    [m.credit for m in rows],
                    [m.entries for m in rows],
                    [m.first_credit_at for m in rows],
                    [m.last_credit_at for m in rows],
                ],
            )
        return
    # SQLite (the demo): one sealer at a time and small batches; read, add, write.
    for account_id, month, kind in keys:
        m = months[(account_id, month, kind)]
        row, _new = AccountMonth.objects.get_or_create(
            account_id=account_id, month=month, kind=kind
        )
        total = Month(row.debit, row.credit, row.entries, row.first_credit_at, row.last_credit_at)
        total.add(m.debit, m.credit, m.entries, m.first_credit_at, m.last_credit_at)
        AccountMonth.objects.filter(pk=row.pk).update(
            debit=total.debit,
            credit=total.credit,
            entries=total.entries,
            first_credit_at=total.first_credit_at,
            last_credit_at=total.last_credit_at,
        )


_COLUMNS = ("account_id", "month", "kind", "d", "c", "n", "first", "last")


def _entry_months(entries):
    tz = timezone.get_default_timezone()
    return (
        entries.annotate(
            month=TruncMonth("transaction__created_at", tzinfo=tz, output_field=DateField())
        )
        .values("account_id", "month", "kind")
        .annotate(
            d=Sum("debit"),
            c=Sum("credit"),
            n=Count("id"),
            first=Min("transaction__created_at", filter=Q(credit__gt=0)),
            last=Max("transaction__created_at", filter=Q(credit__gt=0)),
        )
        .values_list(*_COLUMNS)
        .order_by()
    )


def _collect(rows) -> dict[tuple, Month]:
    months: dict[tuple, Month] = defaultdict(Month)
    for account_id, month, kind, d, c, n, first, last in rows:
        months[(account_id, _as_date(month), kind)].add(d or ZERO, c or ZERO, n, first, last)
    return months


def month_rows(account_ids: list[int]) -> dict[tuple, Month]:
    """(account id, month, entry kind) -> its figures, for every entry of these accounts: the
    rollup of the sealed ones plus the unsealed tail, read live. One statement (UNION ALL), so
    one snapshot: a seal committing in between can neither hide nor double a batch."""
    if not account_ids:
        return defaultdict(Month)
    sealed = (
        AccountMonth.objects.filter(account_id__in=account_ids)
        .annotate(
            d=F("debit"),
            c=F("credit"),
            n=F("entries"),
            first=F("first_credit_at"),
            last=F("last_credit_at"),
        )
        .values_list(*_COLUMNS)
        .order_by()
    )
    tail = _entry_months(
        Entry.objects.filter(account_id__in=account_ids, transaction__seq__isnull=True)
    )
    return _collect(sealed.union(tail, all=True))


def recomputed() -> dict[tuple, Month]:
    """The rollup as the sealed entries say it should be (for ``ledger_verify``)."""
    return _collect(_entry_months(Entry.objects.filter(transaction__seq__isnull=False)))


def stored() -> dict[tuple, Month]:
    """The rollup as it is."""
    return _collect(
        AccountMonth.objects.values_list(
            "account_id",
            "month",
            "kind",
            "debit",
            "credit",
            "entries",
            "first_credit_at",
            "last_credit_at",
        )
    )


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
