"""Reconciliation: the gateway's settlement report against Joud's records and ledger.

Every difference is listed; none is "fixed" automatically (a person decides, and any correction
is a new ledger entry).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

ZERO = Decimal("0.000")


@dataclass(frozen=True)
class Difference:
    kind: str  # missing_in_ledger | unknown_to_gateway | amount | refunded | state
    reference: str
    gateway: str
    joud: str

    def __str__(self) -> str:
        return f"{self.kind:20} {self.reference:20} gateway={self.gateway} joud={self.joud}"


def _ledger_gross(references: list[str]) -> dict[str, Decimal]:
    from joud.ledger.models import Entry

    rows = (
        Entry.objects.filter(
            transaction__kind="donation", transaction__reference__in=references, kind="gross"
        )
        .values("transaction__reference")
        .annotate(total=Sum("debit"))
        .order_by()
    )
    return {r["transaction__reference"]: r["total"] for r in rows}


def _ledger_refunded(attempt_refs: list[str]) -> dict[str, Decimal]:
    from joud.donations.models import Refund
    from joud.ledger.models import Entry

    refund_to_attempt = dict(
        Refund.unscoped.filter(attempt__reference__in=attempt_refs).values_list(
            "reference", "attempt__reference"
        )
    )
    totals: dict[str, Decimal] = {}
    rows = (
        Entry.objects.filter(
            transaction__kind="refund",
            transaction__reference__in=list(refund_to_attempt),
            kind="refund",
        )
        .values("transaction__reference")
        .annotate(total=Sum("credit"))
        .order_by()
    )
    for r in rows:
        attempt = refund_to_attempt[r["transaction__reference"]]
        totals[attempt] = totals.get(attempt, ZERO) + r["total"]
    return totals


def reconcile(*, provider, since: dt.datetime, until: dt.datetime | None = None) -> list:
    from joud.donations.models import PaymentAttempt

    until = until or timezone.now()
    lines = provider.settlement_report(since=since, until=until)
    if lines is None:
        return []
    by_ref = {line.reference: line for line in lines}
    attempts = {
        a.reference: a
        for a in PaymentAttempt.unscoped.filter(
            provider=provider.identifier, created_at__gte=since, created_at__lt=until
        )
    }
    refs = sorted(set(by_ref) | set(attempts))
    gross = _ledger_gross(refs)
    refunded = _ledger_refunded(refs)
    out: list[Difference] = []
    for ref in refs:
        line, attempt = by_ref.get(ref), attempts.get(ref)
        in_ledger = gross.get(ref)
        paid = line is not None and line.status == "succeeded"
        if paid and in_ledger is None:
            state = attempt.state if attempt else "no attempt"
            out.append(Difference("missing_in_ledger", ref, f"{line.amount}", state))
            continue
        if not paid and in_ledger is not None:
            status = line.status if line else "no record"
            out.append(Difference("unknown_to_gateway", ref, status, f"{in_ledger}"))
            continue
        if paid and in_ledger != line.amount:
            out.append(Difference("amount", ref, f"{line.amount}", f"{in_ledger}"))
        if line is not None and line.refunded != refunded.get(ref, ZERO):
            out.append(
                Difference("refunded", ref, f"{line.refunded}", f"{refunded.get(ref, ZERO)}")
            )
    return out
