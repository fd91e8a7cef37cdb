"""One organization's money through its funds, read from the ledger.

Money in a fund is spent first in, first out: each rial paid out is matched with the oldest rial
still held by the same fund. That gives how long money waited before it was paid out, how much
of what is held has waited too long, and whether zakat was paid out in the Hijri year it came in.
Only the organization's spendable funds count (initiative, case, general, zakat); the endowment
principal is kept by rule and never "idle".
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.ledger.models import Account, Entry, Transaction
from joud.transparency.indicators.period import days

FUND_KINDS = (
    Account.Kind.INITIATIVE,
    Account.Kind.CASE,
    Account.Kind.GENERAL,
    Account.Kind.ZAKAT,
)
ZERO = Decimal("0.000")


@dataclass(frozen=True)
class Piece:
    """Part of one payment out, matched with the day its money came in."""

    received: dt.date
    paid: dt.date
    amount: Decimal
    fund_kind: str

    @property
    def days(self) -> int:
        return (self.paid - self.received).days


@dataclass
class FundHistory:
    today: dt.date
    gross: Decimal = ZERO  # gifts received in the last 12 months
    admin_share: Decimal = ZERO
    fees: Decimal = ZERO
    gifts: int = 0
    paid_out: list[Piece] = field(default_factory=list)  # every payment out, ever
    held: list[tuple[dt.date, Decimal, str]] = field(default_factory=list)  # (received, amount)

    @classmethod
    def of(cls, organization, *, today: dt.date) -> FundHistory:
        return cls.of_many([organization.pk], today=today)[organization.pk]

    @classmethod
    def of_many(cls, organization_ids, *, today: dt.date) -> dict[int, FundHistory]:
        """The histories of many organizations from one pass over their funds' entries (the
        nightly scorecards: one scan of the ledger, not one per organization)."""
        ids = list(organization_ids)
        histories = {pk: cls(today=today) for pk in ids}
        since = today - dt.timedelta(days=365)
        funds = {
            pk: (org, kind)
            for pk, org, kind in Account.objects.filter(
                organization_id__in=ids, kind__in=FUND_KINDS
            ).values_list("id", "organization_id", "kind")
        }
        rows = (
            Entry.objects.filter(
                account_id__in=list(funds), **days("transaction__created_at", through=today)
            )
            .annotate(
                day=TruncDate("transaction__created_at", tzinfo=timezone.get_current_timezone())
            )
            .values_list("account_id", "kind", "debit", "credit", "day")
            .order_by("account_id", "transaction__created_at", "transaction_id", "id")
        )
        current, queue, history, fund_kind = None, deque(), None, ""
        # In a transaction, the server-side cursor streams the rows (outside one, PostgreSQL
        # would first copy the whole result for a cursor WITH HOLD).
        with transaction.atomic():
            for account_id, kind, debit, credit, day in rows.iterator(chunk_size=20_000):
                if account_id != current:
                    if history is not None:
                        history._hold(queue, fund_kind)
                    current, queue = account_id, deque()
                    org, fund_kind = funds[account_id]
                    history = histories[org]
                if since < day:
                    if kind == Entry.Kind.GROSS:
                        history.gross += credit - debit
                    elif kind == Entry.Kind.ADMIN_SHARE:
                        history.admin_share += debit - credit
                    elif kind == Entry.Kind.GATEWAY_FEE:
                        history.fees += debit - credit
                net = credit - debit
                if net > 0:
                    if queue and queue[-1][0] == day:  # the same day's money: one piece
                        queue[-1][1] += net
                    else:
                        queue.append([day, net])
                elif net < 0:
                    history._take(queue, -net, day, fund_kind, kind)
        if history is not None:
            history._hold(queue, fund_kind)
        gifts = (
            Transaction.objects.filter(
                organization_id__in=ids,
                kind=Transaction.Kind.DONATION,
                **days("created_at", after=since, through=today),
            )
            .values("organization_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in gifts:
            histories[row["organization_id"]].gifts = row["n"]
        return histories

    def _hold(self, queue: deque, fund_kind: str) -> None:
        self.held += [(day, amount, fund_kind) for day, amount in queue if amount]

    def _take(self, queue: deque, amount: Decimal, day: dt.date, fund_kind: str, kind: str):
        while amount > 0 and queue:
            received, available = queue[0]
            used = min(available, amount)
            if kind == Entry.Kind.DISBURSEMENT:
                self.paid_out.append(Piece(received, day, used, fund_kind))
            amount -= used
            if used == available:
                queue.popleft()
            else:
                queue[0][1] = available - used

    # --- what the indicators read -------------------------------------------------------------

    def paid_within_year(self) -> list[Piece]:
        since = self.today - dt.timedelta(days=365)
        return [p for p in self.paid_out if p.paid > since]

    def idle(self, days: int) -> tuple[Decimal, Decimal]:
        """(held longer than ``days``, held in all)."""
        limit = self.today - dt.timedelta(days=days)
        total = sum((amount for _, amount, _k in self.held), ZERO)
        old = sum((amount for day, amount, _k in self.held if day < limit), ZERO)
        return old, total

    def zakat_in_year(self) -> tuple[Decimal, Decimal]:
        """(zakat paid out in the Hijri year it was received, zakat that could have been):
        every zakat rial received in a Hijri year that has ended, and every one already paid out
        (a rial received this year and still held has time left)."""
        this_year = to_hijri(self.today)[0]
        in_year = ZERO
        counted = ZERO
        for piece in self.paid_out:
            if piece.fund_kind != Account.Kind.ZAKAT:
                continue
            counted += piece.amount
            if to_hijri(piece.received)[0] == to_hijri(piece.paid)[0]:
                in_year += piece.amount
        for day, amount, kind in self.held:
            if kind == Account.Kind.ZAKAT and to_hijri(day)[0] < this_year:
                counted += amount
        return in_year, counted
