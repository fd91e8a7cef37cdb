"""Comparing a gateway's settlement report with what the ledger booked, for one provider and
one day (in ``TIME_ZONE``, Asia/Muscat). Every difference is listed:

- ``missing_in_ledger``: the gateway captured a payment the ledger has no donation posting for
  (for example a payment held for review, or a webhook that never arrived);
- ``missing_at_provider``: the ledger booked a donation through this gateway that day, but the
  gateway's report does not have it;
- ``amount_mismatch``: both have it, with different gross amounts;
- ``fee_mismatch``: the gateway's fee differs from the fee booked (when the report has fees);
- ``refund_mismatch``: the refunded amount differs (when the report has refunds).

A payment in the report is looked up in the ledger whatever the day it was booked (a payment at
midnight may be booked a few seconds later); a ledger posting is expected in the day's report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from joud.donations.models import PaymentAttempt, Refund
from joud.ledger.selectors import donations_booked_for, donations_booked_on, refunds_booked
from joud.payments.settlement import ZERO, ProviderReport


class Kind:
    MISSING_IN_LEDGER = "missing_in_ledger"
    MISSING_AT_PROVIDER = "missing_at_provider"
    AMOUNT_MISMATCH = "amount_mismatch"
    FEE_MISMATCH = "fee_mismatch"
    REFUND_MISMATCH = "refund_mismatch"

    ALL = (MISSING_IN_LEDGER, MISSING_AT_PROVIDER, AMOUNT_MISMATCH, FEE_MISMATCH, REFUND_MISMATCH)


@dataclass(frozen=True)
class Difference:
    kind: str
    reference: str
    provider_value: Decimal | None
    ledger_value: Decimal | None
    note: str = ""


@dataclass
class ReconciliationResult:
    provider: str
    day: dt.date
    source: str
    differences: list[Difference]
    report_payments: int
    ledger_payments: int
    matched: int

    @property
    def ok(self) -> bool:
        return not self.differences

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(Kind.ALL, 0)
        for difference in self.differences:
            counts[difference.kind] += 1
        return counts

    def summary(self) -> dict:
        return {
            "provider": self.provider,
            "day": self.day.isoformat(),
            "source": self.source,
            "report_payments": self.report_payments,
            "ledger_payments": self.ledger_payments,
            "matched": self.matched,
            "differences": len(self.differences),
            "counts": self.counts(),
        }


def refunds_by_attempt(provider: str, *, day: dt.date | None = None, attempts=None) -> dict:
    """Attempt reference -> amount refunded through ``provider`` (on ``day``, or to date)."""
    by_refund = refunds_booked(provider, day=day)
    attempt_of = dict(
        Refund.unscoped.filter(reference__in=list(by_refund)).values_list(
            "reference", "attempt__reference"
        )
    )
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for reference, amount in by_refund.items():
        totals[attempt_of.get(reference, reference)] += amount
    if attempts is not None:
        attempts = set(attempts)
        return {k: v for k, v in totals.items() if k in attempts}
    return dict(totals)


def _attempt_notes(references) -> dict[str, str]:
    rows = PaymentAttempt.unscoped.filter(reference__in=list(references)).values_list(
        "reference", "state"
    )
    return {reference: f"payment attempt is {state}" for reference, state in rows}


def reconcile(report: ProviderReport) -> ReconciliationResult:
    provider, day = report.provider, report.day
    on_day = donations_booked_on(provider, day)
    reported = {p.reference: p for p in report.payments}
    elsewhere = donations_booked_for(provider, [r for r in reported if r not in on_day])
    ledger = {**elsewhere, **on_day}
    differences: list[Difference] = []
    matched = 0
    missing = [r for r in reported if r not in ledger]
    notes = _attempt_notes(missing) if missing else {}
    for reference, payment in sorted(reported.items()):
        booked = ledger.get(reference)
        if booked is None:
            differences.append(
                Difference(
                    Kind.MISSING_IN_LEDGER,
                    reference,
                    payment.amount,
                    None,
                    notes.get(reference, "no such payment attempt"),
                )
            )
            continue
        clean = True
        if booked.amount != payment.amount:
            differences.append(
                Difference(Kind.AMOUNT_MISMATCH, reference, payment.amount, booked.amount)
            )
            clean = False
        if payment.fee is not None and booked.fee != payment.fee:
            differences.append(Difference(Kind.FEE_MISMATCH, reference, payment.fee, booked.fee))
            clean = False
        matched += clean
    for reference, booked in sorted(on_day.items()):
        if reference not in reported:
            differences.append(Difference(Kind.MISSING_AT_PROVIDER, reference, None, booked.amount))
    differences += _refund_differences(report, set(reported) | set(on_day))
    return ReconciliationResult(
        provider=provider,
        day=day,
        source=report.source,
        differences=differences,
        report_payments=len(reported),
        ledger_payments=len(on_day),
        matched=matched,
    )


def _refund_differences(report: ProviderReport, references: set[str]) -> list[Difference]:
    if report.refunds_scope == "none":
        return []
    if report.refunds_scope == "day":
        booked = refunds_by_attempt(report.provider, day=report.day)
        keys = set(booked) | set(report.refunds)
    else:  # cumulative: everything refunded to date on the payments of the day
        keys = references | set(report.refunds)
        booked = refunds_by_attempt(report.provider, attempts=keys)
    differences = []
    for reference in sorted(keys):
        theirs, ours = report.refunds.get(reference, ZERO), booked.get(reference, ZERO)
        if theirs != ours:
            differences.append(Difference(Kind.REFUND_MISMATCH, reference, theirs, ours))
    return differences
