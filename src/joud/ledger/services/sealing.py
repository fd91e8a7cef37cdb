"""Sealing: every transaction, in id order, joins a SHA-256 hash chain over its exact content,
so that ``ledger_verify`` can prove nothing was altered. One sealer at a time."""

from __future__ import annotations

import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

from joud.core.money import quantize
from joud.ledger.models import Entry, Transaction
from joud.ledger.months import add_months, batch_months

GENESIS_HASH = "0" * 64
SEAL_LOCK_KEY = 47_010_001  # pg advisory lock: one sealer at a time


def _money_text(value) -> str:
    return f"{quantize(value)}"


def canonical_content(txn: dict, entries: list[dict]) -> str:
    """The exact text that a transaction's hash covers (stable across databases)."""
    created = txn["created_at"]
    payload = {
        "id": txn["id"],
        "kind": txn["kind"],
        "organization": txn["organization_id"],
        "reference": txn["reference"],
        "memo": txn["memo"],
        "created_at": created.astimezone(timezone.UTC).isoformat(),
        "entries": [
            [e["id"], e["account_id"], e["kind"], _money_text(e["debit"]), _money_text(e["credit"])]
            for e in sorted(entries, key=lambda e: e["id"])
        ],
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, content: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{content}".encode()).hexdigest()


TXN_FIELDS = ("id", "kind", "organization_id", "reference", "memo", "created_at")
ENTRY_FIELDS = ("id", "transaction_id", "account_id", "kind", "debit", "credit")


def entries_by_transaction(ids: list[int]) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {i: [] for i in ids}
    for entry in Entry.objects.filter(transaction_id__in=ids).values(*ENTRY_FIELDS):
        grouped[entry["transaction_id"]].append(entry)
    return grouped


def ledger_seal(*, batch: int = 2000, max_batches: int = 50) -> int:
    """Chain every unsealed transaction, in id order. One sealer at a time. Returns how many."""
    sealed = 0
    for _batch in range(max_batches):
        count = _seal_batch(batch)
        sealed += count
        if count < batch:
            break
    return sealed


def _seal_batch(batch: int) -> int:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SEAL_LOCK_KEY])
                if not cursor.fetchone()[0]:
                    return 0
        last = (
            Transaction.objects.filter(seq__isnull=False)
            .order_by("-seq")
            .values_list("seq", "hash")
            .first()
        )
        seq, prev = last or (0, GENESIS_HASH)
        rows = list(
            Transaction.objects.filter(seq__isnull=True).order_by("id").values(*TXN_FIELDS)[:batch]
        )
        if not rows:
            return 0
        grouped = entries_by_transaction([r["id"] for r in rows])
        now = timezone.now()
        updates = []
        for row in rows:
            seq += 1
            digest = chain_hash(prev, canonical_content(row, grouped[row["id"]]))
            updates.append(
                Transaction(id=row["id"], seq=seq, prev_hash=prev, hash=digest, sealed_at=now)
            )
            prev = digest
        _write_seals(updates, now)
        add_months(batch_months(rows, grouped))  # counted once: in the same transaction
        return len(rows)


_SEAL_SQL = """
UPDATE ledger_transaction AS t
SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash, sealed_at = %s
FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) AS v (id, seq, prev_hash, hash)
WHERE t.id = v.id AND t.seq IS NULL
"""


def _write_seals(updates: list[Transaction], now) -> None:
    if connection.vendor == "postgresql":
        # One statement with four arrays: Django's bulk_update builds a CASE per column per row,
        # which PostgreSQL plans and evaluates row by row, too slow to catch up after a burst.
        with connection.cursor() as cursor:
            cursor.execute(
                _SEAL_SQL,
                [
                    now,
                    [u.id for u in updates],
                    [u.seq for u in updates],
                    [u.prev_hash for u in updates],
                    [u.hash for u in updates],
                ],
            )
            if cursor.rowcount != len(updates):
                raise RuntimeError("ledger seal: a transaction was sealed by somebody else")
        return
    Transaction.objects.bulk_update(
        updates, ["seq", "prev_hash", "hash", "sealed_at"], batch_size=500
    )
