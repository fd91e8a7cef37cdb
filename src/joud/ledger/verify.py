"""Proving the ledger: every transaction balances, the sealed chain is intact, totals agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum

from joud.ledger import months
from joud.ledger.models import Account, AccountTotal, Entry, RaisedDelta, Transaction
from joud.ledger.services import (
    GENESIS_HASH,
    TXN_FIELDS,
    canonical_content,
    chain_hash,
    entries_by_transaction,
)


@dataclass
class VerifyReport:
    transactions: int = 0
    entries: int = 0
    sealed: int = 0
    unsealed: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def ledger_verify(*, chunk: int = 2000, max_problems: int = 50) -> VerifyReport:
    report = VerifyReport()
    report.transactions = Transaction.objects.count()
    report.entries = Entry.objects.count()
    report.unsealed = Transaction.objects.filter(seq__isnull=True).count()
    report.sealed = report.transactions - report.unsealed

    def problem(text: str) -> None:
        if len(report.problems) < max_problems:
            report.problems.append(text)

    # 1. Every transaction balances and has entries.
    unbalanced = (
        Entry.objects.values("transaction_id")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .exclude(d=F("c"))
    )
    for row in unbalanced[:max_problems]:
        problem(f"transaction {row['transaction_id']} unbalanced: Dr {row['d']} Cr {row['c']}")
    empty = (
        Transaction.objects.annotate(n=Count("entries")).filter(n=0).values_list("id", flat=True)
    )
    for txn_id in empty[:max_problems]:
        problem(f"transaction {txn_id} has no entries")
    orphans = Entry.objects.exclude(account_id__in=Account.objects.values("id"))
    for entry_id in orphans.values_list("id", flat=True)[:max_problems]:
        problem(f"entry {entry_id} points to no account")

    # 2. The sealed chain: positions 1..n, each linking to the previous hash, each hash exact.
    expected_seq, prev = 0, GENESIS_HASH
    last_seq = 0
    while True:
        rows = list(
            Transaction.objects.filter(seq__gt=last_seq)
            .order_by("seq")
            .values(*TXN_FIELDS, "seq", "prev_hash", "hash")[:chunk]
        )
        if not rows:
            break
        grouped = entries_by_transaction([r["id"] for r in rows])
        for row in rows:
            expected_seq += 1
            if row["seq"] != expected_seq:
                problem(f"chain gap: expected position {expected_seq}, found {row['seq']}")
                expected_seq = row["seq"]
            if row["prev_hash"] != prev:
                problem(f"transaction {row['id']} (position {row['seq']}): broken link")
            digest = chain_hash(row["prev_hash"], canonical_content(row, grouped[row["id"]]))
            if digest != row["hash"]:
                problem(f"transaction {row['id']} (position {row['seq']}): content altered")
            prev = row["hash"]
        last_seq = rows[-1]["seq"]

    # 3. Folded totals + pending deltas equal what the entries say was raised.
    raised_by_entries = dict(
        Entry.objects.values("account_id")
        .annotate(
            r=Sum("credit", filter=Q(kind=Entry.Kind.GROSS), default=Decimal(0))
            - Sum(
                "debit",
                filter=Q(kind__in=[Entry.Kind.REFUND, Entry.Kind.CHARGEBACK]),
                default=Decimal(0),
            )
        )
        .filter(account__kind__in=_FUND_KINDS)
        .values_list("account_id", "r")
    )
    totals = dict(AccountTotal.objects.values_list("account_id", "raised"))
    for row in RaisedDelta.objects.values("account_id").annotate(r=Sum("raised")):
        totals[row["account_id"]] = totals.get(row["account_id"], 0) + row["r"]
    for account_id in set(raised_by_entries) | set(totals):
        a, b = raised_by_entries.get(account_id, 0), totals.get(account_id, 0)
        if a != b:
            problem(f"account {account_id}: totals say {b}, entries say {a}")

    # 4. The monthly rollup (what the public statements read) equals the sealed entries.
    want, have = months.recomputed(), months.stored()
    for key in sorted(set(want) | set(have), key=str):
        if want.get(key) != have.get(key):
            problem(f"account {key[0]}, {key[1]:%Y-%m} {key[2]}: monthly rollup differs")
    return report


_FUND_KINDS = [
    Account.Kind.GENERAL,
    Account.Kind.ZAKAT,
    Account.Kind.WAQF_PRINCIPAL,
    Account.Kind.WAQF_INCOME,
    Account.Kind.INITIATIVE,
    Account.Kind.CASE,
    Account.Kind.FITR,
]
