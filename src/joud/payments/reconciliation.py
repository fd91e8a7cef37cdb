"""Reconciliation: what a gateway says it settled, against what the ledger booked.

For one provider and one day (in ``TIME_ZONE``, Asia/Muscat), every difference is listed:

- ``missing_in_ledger``: the gateway captured a payment the ledger has no donation posting for
  (for example a payment held for review, or a webhook that never arrived);
- ``missing_at_provider``: the ledger booked a donation through this gateway that day, but the
  gateway's report does not have it;
- ``amount_mismatch``: both have it, with different gross amounts;
- ``fee_mismatch``: the gateway's fee differs from the fee booked (when the report has fees);
- ``refund_mismatch``: the refunded amount differs (when the report has refunds).

A payment in the report is looked up in the ledger whatever the day it was booked (a payment at
midnight may be booked a few seconds later); a ledger posting is expected in the day's report.

Reports (``ProviderReport``) come from:
- the sandbox: ``sandbox_settlement_report(day)``, built from the sandbox gateway's own records;
- Stripe: the balance-transactions CSV (itemized balance change report columns, or the
  Dashboard export), ``parse_stripe_balance_csv``; without a file, the same transactions are
  read from Stripe's API (``StripeProvider.settlement_report``);
- Thawani: the checkout sessions list (and optionally the payments list, for fees and refunds)
  as the API returns it, saved as JSON, ``parse_thawani_sessions``.

Amounts are ``Decimal`` throughout; gateways' minor units go through ``from_minor_units``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from joud.core.money import from_minor_units, quantize

ZERO = Decimal("0.000")


class Kind:
    MISSING_IN_LEDGER = "missing_in_ledger"
    MISSING_AT_PROVIDER = "missing_at_provider"
    AMOUNT_MISMATCH = "amount_mismatch"
    FEE_MISMATCH = "fee_mismatch"
    REFUND_MISMATCH = "refund_mismatch"

    ALL = (MISSING_IN_LEDGER, MISSING_AT_PROVIDER, AMOUNT_MISMATCH, FEE_MISMATCH, REFUND_MISMATCH)


class ReportError(ValueError):
    """A report file that cannot be read as the gateway's format."""


@dataclass(frozen=True)
class ReportPayment:
    reference: str  # our payment attempt reference (JD-7F3K2-P1)
    provider_reference: str
    amount: Decimal
    fee: Decimal | None = None  # None: the report does not say
    currency: str = "OMR"


@dataclass
class ProviderReport:
    provider: str
    day: dt.date
    payments: list[ReportPayment]
    # attempt reference -> refunded amount. ``refunds_scope``: "cumulative" (refunded to date),
    # "day" (refunds made that day only) or "none" (the report does not carry refunds).
    refunds: dict[str, Decimal] = field(default_factory=dict)
    refunds_scope: str = "none"
    source: str = ""


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


# --- the ledger's side ----------------------------------------------------------------------


@dataclass
class LedgerPayment:
    reference: str
    amount: Decimal = ZERO
    fee: Decimal = ZERO


def _fold_donations(entries) -> dict[str, LedgerPayment]:
    """(reference, account code, entry kind, debit) rows of donation postings -> payments."""
    from joud.ledger.accounts import FEES_CODE

    payments: dict[str, LedgerPayment] = {}
    for reference, code, kind, debit, credit in entries:
        payment = payments.setdefault(reference, LedgerPayment(reference))
        if kind == "gross" and code.startswith("platform:clearing:"):
            payment.amount += debit
        elif kind == "gateway_fee" and code == FEES_CODE:
            payment.fee += credit
    return payments


def _donation_entries(provider: str, **filters):
    from joud.ledger.accounts import CLEARING_CODE
    from joud.ledger.models import Entry, Transaction

    txns = Transaction.objects.filter(
        kind=Transaction.Kind.DONATION,
        entries__account__code=CLEARING_CODE.format(provider=provider),
        **filters,
    ).values("pk")
    return Entry.objects.filter(transaction__in=txns).values_list(
        "transaction__reference", "account__code", "kind", "debit", "credit"
    )


def ledger_payments_on(provider: str, day: dt.date) -> dict[str, LedgerPayment]:
    return _fold_donations(_donation_entries(provider, created_at__date=day))


def ledger_payments_for(provider: str, references) -> dict[str, LedgerPayment]:
    references = list(references)
    if not references:
        return {}
    return _fold_donations(_donation_entries(provider, reference__in=references))


def ledger_refunds(provider: str, *, day: dt.date | None = None, attempts=None) -> dict:
    """Attempt reference -> amount refunded through ``provider`` (on ``day``, or to date)."""
    from joud.donations.models import Refund
    from joud.ledger.accounts import CLEARING_CODE
    from joud.ledger.models import Entry, Transaction

    entries = Entry.objects.filter(
        transaction__kind=Transaction.Kind.REFUND,
        account__code=CLEARING_CODE.format(provider=provider),
        kind="refund",
    )
    if day is not None:
        entries = entries.filter(transaction__created_at__date=day)
    by_refund: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for reference, credit in entries.values_list("transaction__reference", "credit"):
        by_refund[reference] += credit
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
    from joud.donations.models import PaymentAttempt

    rows = PaymentAttempt.unscoped.filter(reference__in=list(references)).values_list(
        "reference", "state"
    )
    return {reference: f"payment attempt is {state}" for reference, state in rows}


# --- comparing --------------------------------------------------------------------------------


def reconcile(report: ProviderReport) -> ReconciliationResult:
    provider, day = report.provider, report.day
    on_day = ledger_payments_on(provider, day)
    reported = {p.reference: p for p in report.payments}
    elsewhere = ledger_payments_for(provider, [r for r in reported if r not in on_day])
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
        booked = ledger_refunds(report.provider, day=report.day)
        keys = set(booked) | set(report.refunds)
    else:  # cumulative: everything refunded to date on the payments of the day
        keys = references | set(report.refunds)
        booked = ledger_refunds(report.provider, attempts=keys)
    differences = []
    for reference in sorted(keys):
        theirs, ours = report.refunds.get(reference, ZERO), booked.get(reference, ZERO)
        if theirs != ours:
            differences.append(Difference(Kind.REFUND_MISMATCH, reference, theirs, ours))
    return differences


# --- reports ----------------------------------------------------------------------------------


def sandbox_settlement_report(day: dt.date) -> ProviderReport:
    """The sandbox gateway's settlement for ``day``: captured payments (created that day) with
    their fee, and what has been refunded on them to date."""
    from joud.payments.models import SandboxCharge

    charges = SandboxCharge.objects.filter(
        status=SandboxCharge.Status.SUCCEEDED, created_at__date=day
    ).order_by("id")
    payments, refunds = [], {}
    for charge in charges:
        payments.append(
            ReportPayment(
                reference=charge.reference,
                provider_reference=charge.session_id,
                amount=quantize(charge.amount, charge.currency),
                fee=quantize(charge.fee, charge.currency),
                currency=charge.currency,
            )
        )
        if charge.refunded:
            refunds[charge.reference] = quantize(charge.refunded, charge.currency)
    return ProviderReport(
        provider="sandbox",
        day=day,
        payments=payments,
        refunds=refunds,
        refunds_scope="cumulative",
        source="sandbox gateway records",
    )


def _decimal(value: str, what: str) -> Decimal:
    try:
        return Decimal((value or "0").strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ReportError(f"not an amount in {what}: {value!r}") from exc


def _local_day(moment: dt.datetime) -> dt.date:
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=dt.UTC)
    return timezone.localtime(moment).date()


def _parse_time(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    # Thawani writes 7 fractional digits ("…03.5012348Z"): keep microseconds.
    value = re.sub(r"(\.\d{6})\d+", r"\1", value.replace("Z", "+00:00"))
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ReportError(f"not a time: {value!r}") from exc


# Stripe's itemized balance report columns, and the Dashboard export's names for the same.
STRIPE_COLUMNS = {
    "balance_transaction_id": ("balance_transaction_id", "id"),
    "created": ("created_utc", "created (utc)"),
    "currency": ("currency",),
    "gross": ("gross", "amount"),
    "fee": ("fee",),
    "category": ("reporting_category", "type", "reporting category"),
    "source": ("source_id", "source"),
    "reference": ("payment_metadata[reference]", "reference (metadata)", "metadata[reference]"),
}


def parse_stripe_balance_csv(path: Path | str, *, day: dt.date) -> ProviderReport:
    """Stripe's balance transactions as CSV (itemized balance change from activity, with the
    ``payment_metadata[reference]`` column, or the Dashboard export). Amounts are in major
    units; rows outside ``day`` (local time) are ignored; disputes and payouts are not payments."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        names = {name.strip().lower(): name for name in reader.fieldnames or []}
        columns = {}
        for key, aliases in STRIPE_COLUMNS.items():
            columns[key] = next((names[a] for a in aliases if a in names), None)
        for required in ("gross", "category", "reference"):
            if columns[required] is None:
                raise ReportError(f"Stripe CSV without a {required} column")
        payments, refunds = [], defaultdict(lambda: ZERO)
        for number, row in enumerate(reader, start=2):

            def get(key, row=row):
                return row[columns[key]] if columns[key] else ""

            created = _parse_time(get("created"))
            if created is not None and _local_day(created) != day:
                continue
            currency = (get("currency") or "omr").upper()
            category = get("category").strip().lower()
            reference = get("reference").strip()
            gross = quantize(_decimal(get("gross"), f"row {number}"), currency)
            if category in ("charge", "payment"):
                payments.append(
                    ReportPayment(
                        reference=reference,
                        provider_reference=get("source") or get("balance_transaction_id"),
                        amount=gross,
                        fee=quantize(_decimal(get("fee"), f"row {number}"), currency),
                        currency=currency,
                    )
                )
            elif category in ("refund", "payment_refund"):
                refunds[reference] += -gross
    return ProviderReport(
        provider="stripe",
        day=day,
        payments=payments,
        refunds=dict(refunds),
        refunds_scope="day",
        source=str(path),
    )


def _items(value) -> list[dict]:
    """A list as Thawani's API returns it (``{"success":…, "data": [...]}``) or a bare list."""
    if isinstance(value, dict):
        value = value.get("data", [])
    if not isinstance(value, list):
        raise ReportError("expected a list of records")
    return value


def parse_thawani_sessions(path: Path | str, *, day: dt.date) -> ProviderReport:
    """Thawani's checkout sessions list (``GET /api/v1/checkout/session``) saved as JSON; either
    the list response itself, or ``{"sessions": <list>, "payments": <payments list>}`` where the
    payments (joined on the invoice) add fees and refunds. Paid sessions created on ``day``."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportError(f"cannot read Thawani report: {exc}") from exc
    if isinstance(document, dict) and "sessions" in document:
        sessions, payment_list = _items(document["sessions"]), document.get("payments")
    else:
        sessions, payment_list = _items(document), None
    by_invoice: dict[str, dict] = {}
    for payment in _items(payment_list) if payment_list is not None else []:
        if payment.get("status") == "successful":
            by_invoice[str(payment.get("checkout_invoice"))] = payment
    payments, refunds = [], {}
    for session in sessions:
        if session.get("payment_status") != "paid":
            continue
        created = _parse_time(str(session.get("created_at") or ""))
        if created is not None and _local_day(created) != day:
            continue
        currency = str(session.get("currency") or "OMR").upper()
        reference = str(session.get("client_reference_id") or "")
        payment = by_invoice.get(str(session.get("invoice")))
        fee = None
        if payment is not None:
            fee = from_minor_units(int(payment.get("fee") or 0), currency)
            refunded = sum(int(r.get("amount") or 0) for r in payment.get("refunds") or [])
            if refunded:
                refunds[reference] = from_minor_units(refunded, currency)
        payments.append(
            ReportPayment(
                reference=reference,
                provider_reference=str(session.get("session_id") or ""),
                amount=from_minor_units(int(session.get("total_amount") or 0), currency),
                fee=fee,
                currency=currency,
            )
        )
    return ProviderReport(
        provider="thawani",
        day=day,
        payments=payments,
        refunds=refunds,
        refunds_scope="cumulative" if payment_list is not None else "none",
        source=str(path),
    )


PARSERS = {"stripe": parse_stripe_balance_csv, "thawani": parse_thawani_sessions}


def report_file(provider: str, day: dt.date) -> Path | None:
    """The day's report dropped in ``JOUD_RECONCILIATION_DIR`` (<provider>-YYYY-MM-DD.csv|json)."""
    folder = Path(settings.JOUD_RECONCILIATION_DIR)
    for suffix in (".csv", ".json"):
        candidate = folder / f"{provider}-{day.isoformat()}{suffix}"
        if candidate.exists():
            return candidate
    return None


def load_report(provider: str, day: dt.date, path: Path | str | None = None) -> ProviderReport:
    """The provider's report for ``day``: from ``path``, the drop folder, or (sandbox) built."""
    if path is None and provider != "sandbox":
        path = report_file(provider, day)
        if path is None and provider == "stripe" and settings.JOUD_STRIPE_SECRET_KEY:
            return _stripe_api_report(day)
        if path is None:
            raise FileNotFoundError(f"no {provider} report for {day.isoformat()}")
    if path is None:
        return sandbox_settlement_report(day)
    parser = PARSERS.get(provider)
    if parser is None:
        raise ReportError(f"no report format known for {provider}")
    return parser(path, day=day)


def _stripe_api_report(day: dt.date) -> ProviderReport:
    import stripe

    from joud.payments.providers.stripe_checkout.provider import StripeProvider

    try:
        return StripeProvider().settlement_report(day)
    except stripe.StripeError as exc:
        raise ReportError(f"Stripe balance transactions unavailable: {exc}") from exc


def reconciliation_run(provider: str, day: dt.date, path=None) -> ReconciliationResult:
    """Load the report, compare, and record the result in the audit log."""
    from joud.core.audit import audit_log

    result = reconcile(load_report(provider, day, path))
    audit_log(action="joud.reconciliation.completed", data=result.summary())
    return result


def format_table(result: ReconciliationResult) -> str:
    header = ("difference", "reference", "gateway", "ledger", "note")
    rows = [
        (
            d.kind,
            d.reference,
            "-" if d.provider_value is None else str(d.provider_value),
            "-" if d.ledger_value is None else str(d.ledger_value),
            d.note,
        )
        for d in result.differences
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip()
        for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
