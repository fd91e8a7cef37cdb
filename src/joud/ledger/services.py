"""Writing to the ledger: postings (always balanced), sealing, folding, disbursements.

Nothing here updates or deletes an entry. Corrections are new, opposite postings.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.ledger import accounts
from joud.ledger.models import Account, AccountTotal, Entry, RaisedDelta, Transaction

GENESIS_HASH = "0" * 64
SEAL_LOCK_KEY = 47_010_001  # pg advisory lock: one sealer at a time
ZERO = Decimal("0.000")


class Purpose:
    """What a disbursement pays for; only some purposes may receive zakat."""

    POOR_AND_NEEDY = "poor_and_needy"
    DEBT_RELIEF = "debt_relief"
    WAYFARER = "wayfarer"
    ZAKAT_COLLECTION = "zakat_collection"
    ORPHANS = "orphans"
    SCHOOL_MEALS = "school_meals"
    CONSTRUCTION = "construction"
    OPERATIONS = "operations"
    GENERAL = "general"


ZAKAT_ELIGIBLE_PURPOSES = {
    Purpose.POOR_AND_NEEDY,
    Purpose.DEBT_RELIEF,
    Purpose.WAYFARER,
    Purpose.ZAKAT_COLLECTION,
}


@dataclass(frozen=True)
class Line:
    account_id: int
    kind: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO


def donation_lines(
    *,
    amount: Decimal,
    admin_share: Decimal,
    fee: Decimal,
    fund_id: int,
    admin_id: int,
    clearing_id: int,
    fees_id: int,
) -> list[Line]:
    """A confirmed gift: gross in, then the administration share and the gateway fee out.

    Mirrored line for line by the single-statement confirmation (donations/fastpath.py).
    """
    lines = [
        Line(clearing_id, Entry.Kind.GROSS, debit=amount),
        Line(fund_id, Entry.Kind.GROSS, credit=amount),
    ]
    if admin_share > 0:
        lines += [
            Line(fund_id, Entry.Kind.ADMIN_SHARE, debit=admin_share),
            Line(admin_id, Entry.Kind.ADMIN_SHARE, credit=admin_share),
        ]
    if fee > 0:
        lines += [
            Line(fund_id, Entry.Kind.GATEWAY_FEE, debit=fee),
            Line(fees_id, Entry.Kind.GATEWAY_FEE, credit=fee),
        ]
    return lines


def _post(
    *, kind: str, organization_id, reference: str, memo: str, lines: list[Line]
) -> Transaction:
    debits = sum((line.debit for line in lines), ZERO)
    credits = sum((line.credit for line in lines), ZERO)
    if debits != credits or not lines:
        raise ValueError(f"unbalanced posting {reference}: Dr {debits} != Cr {credits}")
    txn = Transaction.objects.create(
        kind=kind, organization_id=organization_id, reference=reference, memo=memo[:200]
    )
    Entry.objects.bulk_create(
        Entry(
            transaction=txn,
            account_id=line.account_id,
            kind=line.kind,
            debit=line.debit,
            credit=line.credit,
        )
        for line in lines
    )
    return txn


def ledger_post_donation(
    *,
    organization_id: int,
    reference: str,
    provider: str,
    fund_account_id: int,
    amount: Decimal,
    admin_share: Decimal,
    fee: Decimal,
) -> Transaction:
    lines = donation_lines(
        amount=amount,
        admin_share=admin_share,
        fee=fee,
        fund_id=fund_account_id,
        admin_id=accounts.organization_account(organization_id, Account.Kind.ADMIN).pk,
        clearing_id=accounts.clearing_account(provider).pk,
        fees_id=accounts.fees_account().pk,
    )
    txn = _post(
        kind=Transaction.Kind.DONATION,
        organization_id=organization_id,
        reference=reference,
        memo="",
        lines=lines,
    )
    RaisedDelta.objects.create(account_id=fund_account_id, raised=amount, donations=1)
    return txn


def ledger_post_reversal(
    *,
    kind: str,
    organization_id: int,
    reference: str,
    provider: str,
    fund_account_id: int,
    amount: Decimal,
    admin_share_back: Decimal,
    closes_donation: bool,
) -> Transaction:
    """A refund or chargeback: money goes back to the donor through the gateway.

    The administration share taken on the refunded part comes back into the fund; the gateway
    fee is not returned by gateways and stays an expense of the fund.
    """
    entry_kind = Entry.Kind.REFUND if kind == Transaction.Kind.REFUND else Entry.Kind.CHARGEBACK
    lines = [
        Line(fund_account_id, entry_kind, debit=amount),
        Line(accounts.clearing_account(provider).pk, entry_kind, credit=amount),
    ]
    if admin_share_back > 0:
        admin_id = accounts.organization_account(organization_id, Account.Kind.ADMIN).pk
        lines += [
            Line(admin_id, Entry.Kind.ADMIN_SHARE, debit=admin_share_back),
            Line(fund_account_id, Entry.Kind.ADMIN_SHARE, credit=admin_share_back),
        ]
    txn = _post(
        kind=kind, organization_id=organization_id, reference=reference, memo="", lines=lines
    )
    RaisedDelta.objects.create(
        account_id=fund_account_id, raised=-amount, donations=-1 if closes_donation else 0
    )
    return txn


def account_balance(account: Account) -> Decimal:
    """Credits minus debits (what a fund holds). Not on a hot path: a plain sum."""
    from django.db.models import Sum

    sums = Entry.objects.filter(account=account).aggregate(d=Sum("debit"), c=Sum("credit"))
    return quantize((sums["c"] or 0) - (sums["d"] or 0))


def _check_restriction(account: Account, *, purpose: str | None, destination: Account | None):
    if account.restriction == Account.Restriction.WAQF_PRINCIPAL:
        raise BusinessError(
            _("Endowment principal is kept: only its returns may be spent."), code="waqf_principal"
        )
    if account.restriction == Account.Restriction.ZAKAT:
        if destination is not None and destination.restriction != Account.Restriction.ZAKAT:
            raise BusinessError(
                _("Zakat money can only move to another zakat fund."), code="zakat_ring_fenced"
            )
        if purpose is not None and purpose not in ZAKAT_ELIGIBLE_PURPOSES:
            raise BusinessError(
                _("Zakat money may only be spent on zakat-eligible purposes."),
                code="zakat_ring_fenced",
            )


@transaction.atomic
def ledger_disburse(
    *, account: Account, amount: Decimal, purpose: str, reference: str, actor=None, memo: str = ""
) -> Transaction:
    """Pay money out of a fund to the organization's bank for a stated purpose."""
    amount = quantize(amount)
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), code="amount")
    account = Account.objects.select_for_update().get(pk=account.pk)
    _check_restriction(account, purpose=purpose, destination=None)
    if account_balance(account) < amount:
        raise BusinessError(_("The fund does not hold enough money."), code="insufficient")
    bank = accounts.organization_account(account.organization_id, "bank")
    txn = _post(
        kind=Transaction.Kind.DISBURSEMENT,
        organization_id=account.organization_id,
        reference=reference,
        memo=memo or purpose,
        lines=[
            Line(account.pk, Entry.Kind.DISBURSEMENT, debit=amount),
            Line(bank.pk, Entry.Kind.DISBURSEMENT, credit=amount),
        ],
    )
    audit_log(
        action="joud.ledger.disbursed",
        actor=actor,
        target=txn,
        organization=account.organization,
        data={"account": account.code, "amount": amount, "purpose": purpose},
    )
    return txn


@transaction.atomic
def ledger_transfer(
    *, source: Account, destination: Account, amount: Decimal, reference: str, actor=None
) -> Transaction:
    amount = quantize(amount)
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), code="amount")
    source = Account.objects.select_for_update().get(pk=source.pk)
    _check_restriction(source, purpose=None, destination=destination)
    if account_balance(source) < amount:
        raise BusinessError(_("The fund does not hold enough money."), code="insufficient")
    txn = _post(
        kind=Transaction.Kind.TRANSFER,
        organization_id=source.organization_id,
        reference=reference,
        memo=f"{source.code} -> {destination.code}",
        lines=[
            Line(source.pk, Entry.Kind.TRANSFER, debit=amount),
            Line(destination.pk, Entry.Kind.TRANSFER, credit=amount),
        ],
    )
    audit_log(
        action="joud.ledger.transferred",
        actor=actor,
        target=txn,
        organization=source.organization,
        data={"from": source.code, "to": destination.code, "amount": amount},
    )
    return txn


# --- sealing -------------------------------------------------------------------------------


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
        # which PostgreSQL plans and evaluates row by row (the benchmark sealed ~300 per second).
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


# --- folding -------------------------------------------------------------------------------

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


# The fold also vacuums its queue table now and then: when autovacuum is off or slow (it was off
# on the benchmark machine), 790,000 dead delta rows made every fold and exact read walk them.
FOLD_VACUUM_EVERY_S = 30.0
_last_vacuum = 0.0


def _vacuum_deltas_now_and_then() -> None:
    global _last_vacuum
    import time

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
    from django.db.models import Max, Sum

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
