"""Posting to the ledger: balanced transactions of entries, and the raised-total deltas that
go with donations and their reversals. Nothing here updates or deletes an entry: corrections
are new, opposite postings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from joud.ledger import accounts
from joud.ledger.models import Account, Entry, RaisedDelta, Transaction

ZERO = Decimal("0.000")


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


def _check_balanced(reference: str, lines: list[Line]) -> None:
    debits = sum((line.debit for line in lines), ZERO)
    credits = sum((line.credit for line in lines), ZERO)
    if debits != credits or not lines:
        raise ValueError(f"unbalanced posting {reference}: Dr {debits} != Cr {credits}")


def post_lines(
    *,
    kind: str,
    organization_id,
    reference: str,
    memo: str,
    lines: list[Line],
    created_at: dt.datetime | None = None,
) -> Transaction:
    """``created_at``: when the money moved, if not now (a return received before it was
    booked); the chain's order is its seal, not this time."""
    _check_balanced(reference, lines)
    txn = Transaction.objects.create(
        kind=kind,
        organization_id=organization_id,
        reference=reference,
        memo=memo[:200],
        created_at=created_at or timezone.now(),
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
    txn = post_lines(
        kind=Transaction.Kind.DONATION,
        organization_id=organization_id,
        reference=reference,
        memo="",
        lines=lines,
    )
    RaisedDelta.objects.create(account_id=fund_account_id, raised=amount, donations=1)
    return txn


@dataclass(frozen=True)
class DonationPosting:
    """One confirmed gift for ``ledger_post_donations``: the arguments of
    ``ledger_post_donation``, and when it happened."""

    organization_id: int
    reference: str
    provider: str
    fund_account_id: int
    amount: Decimal
    admin_share: Decimal
    fee: Decimal
    created_at: dt.datetime | None = None


def ledger_post_donations(
    postings: Sequence[DonationPosting], *, batch_size: int = 1000
) -> list[Transaction]:
    """Many confirmed gifts at once (a history loaded in bulk, such as the demo's): the same
    balanced lines and raised deltas as ``ledger_post_donation``, written a batch at a time."""
    fees_id = accounts.fees_account().pk
    clearing_ids: dict[str, int] = {}
    admin_ids: dict[int, int] = {}
    lines_of: list[list[Line]] = []
    for posting in postings:
        if posting.provider not in clearing_ids:
            clearing_ids[posting.provider] = accounts.clearing_account(posting.provider).pk
        if posting.organization_id not in admin_ids:
            admin_ids[posting.organization_id] = accounts.organization_account(
                posting.organization_id, Account.Kind.ADMIN
            ).pk
        lines = donation_lines(
            amount=posting.amount,
            admin_share=posting.admin_share,
            fee=posting.fee,
            fund_id=posting.fund_account_id,
            admin_id=admin_ids[posting.organization_id],
            clearing_id=clearing_ids[posting.provider],
            fees_id=fees_id,
        )
        _check_balanced(posting.reference, lines)
        lines_of.append(lines)
    now = timezone.now()
    with transaction.atomic():
        return _write_donations(postings, lines_of, now=now, batch_size=batch_size)


def _write_donations(postings, lines_of, *, now, batch_size: int) -> list[Transaction]:
    txns = Transaction.objects.bulk_create(
        [
            Transaction(
                kind=Transaction.Kind.DONATION,
                organization_id=posting.organization_id,
                reference=posting.reference,
                created_at=posting.created_at or now,
            )
            for posting in postings
        ],
        batch_size=batch_size,
    )
    Entry.objects.bulk_create(
        [
            Entry(
                transaction=txn,
                account_id=line.account_id,
                kind=line.kind,
                debit=line.debit,
                credit=line.credit,
            )
            for txn, lines in zip(txns, lines_of, strict=True)
            for line in lines
        ],
        batch_size=batch_size,
    )
    RaisedDelta.objects.bulk_create(
        [
            RaisedDelta(account_id=posting.fund_account_id, raised=posting.amount, donations=1)
            for posting in postings
        ],
        batch_size=batch_size,
    )
    return txns
