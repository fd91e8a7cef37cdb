"""One organization's money through its funds, read from the ledger.

Money in a fund is spent first in, first out: each rial paid out is matched with the oldest rial
still held by the same fund. That gives how long money waited before it was paid out, how much
of what is held has waited too long, and whether zakat was paid out in the Hijri year it came in.
Only the organization's spendable funds count (initiative, case, general, zakat); the endowment
principal is kept by rule and never "idle".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from joud.core.dates import to_hijri
from joud.ledger.models import Account, Entry, Transaction

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
        history = cls(today=today)
        since = today - dt.timedelta(days=365)
        rows = (
            Entry.objects.filter(
                account__organization=organization,
                account__kind__in=FUND_KINDS,
                transaction__created_at__date__lte=today,
            )
            .values_list(
                "account_id",
                "account__kind",
                "kind",
                "debit",
                "credit",
                "transaction__created_at",
            )
            .order_by("transaction__created_at", "transaction_id", "id")
        )
        queues: dict[int, deque] = defaultdict(deque)
        kinds: dict[int, str] = {}
        for account_id, fund_kind, kind, debit, credit, at in rows:
            kinds[account_id] = fund_kind
            day = timezone.localtime(at).date()
            if since < day:
                if kind == Entry.Kind.GROSS:
                    history.gross += credit - debit
                elif kind == Entry.Kind.ADMIN_SHARE:
                    history.admin_share += debit - credit
                elif kind == Entry.Kind.GATEWAY_FEE:
                    history.fees += debit - credit
            net = credit - debit
            if net > 0:
                queues[account_id].append([day, net])
            elif net < 0:
                history._take(queues[account_id], -net, day, fund_kind, kind)
        for account_id, queue in queues.items():
            history.held += [(day, amount, kinds[account_id]) for day, amount in queue if amount]
        history.gifts = Transaction.objects.filter(
            organization=organization,
            kind=Transaction.Kind.DONATION,
            created_at__date__gt=since,
            created_at__date__lte=today,
        ).count()
        return history

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
