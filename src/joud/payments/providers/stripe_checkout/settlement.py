"""Stripe's settlement: the day's balance transactions, from a CSV report (itemized balance
change columns, or the Dashboard export) or, without a file, from Stripe's API."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import stripe
from django.utils import timezone

from joud.core.money import from_minor_units, quantize
from joud.payments.settlement import (
    ZERO,
    ProviderReport,
    ReportError,
    ReportPayment,
    local_day,
    parse_time,
    report_amount,
)

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

            created = parse_time(get("created"))
            if created is not None and local_day(created) != day:
                continue
            currency = (get("currency") or "omr").upper()
            category = get("category").strip().lower()
            reference = get("reference").strip()
            gross = quantize(report_amount(get("gross"), f"row {number}"), currency)
            if category in ("charge", "payment"):
                payments.append(
                    ReportPayment(
                        reference=reference,
                        provider_reference=get("source") or get("balance_transaction_id"),
                        amount=gross,
                        fee=quantize(report_amount(get("fee"), f"row {number}"), currency),
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


def balance_transactions_report(client: stripe.StripeClient, day: dt.date) -> ProviderReport:
    """The day's balance transactions (local time) from ``GET /v1/balance_transactions``,
    as a reconciliation report. Gross amounts and refunds are taken from the charge/refund
    (the currency the donor paid in); the fee only when Stripe settles in that currency."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
    end = start + dt.timedelta(days=1)
    listing = client.v1.balance_transactions.list(
        params={
            "created": {"gte": int(start.timestamp()), "lt": int(end.timestamp())},
            "limit": 100,
            "expand": ["data.source.payment_intent"],
        }
    )
    payments, refunds = [], {}
    for txn in listing.auto_paging_iter():
        txn = txn.to_dict()
        source = txn.get("source") if isinstance(txn.get("source"), dict) else {}
        intent = source.get("payment_intent")
        metadata = (intent.get("metadata") if isinstance(intent, dict) else None) or (
            source.get("metadata") or {}
        )
        reference = str(metadata.get("reference") or "")
        currency = str(source.get("currency") or txn.get("currency") or "omr").upper()
        category = txn.get("reporting_category")
        if category == "charge":
            fee = None
            if str(txn.get("currency") or "").upper() == currency:
                fee = from_minor_units(int(txn.get("fee") or 0), currency)
            payments.append(
                ReportPayment(
                    reference=reference,
                    provider_reference=str(source.get("id") or txn.get("id")),
                    amount=from_minor_units(int(source.get("amount") or 0), currency),
                    fee=fee,
                    currency=currency,
                )
            )
        elif category == "refund":
            amount = from_minor_units(int(source.get("amount") or 0), currency)
            refunds[reference] = refunds.get(reference, Decimal("0.000")) + amount
    return ProviderReport(
        provider="stripe",
        day=day,
        payments=payments,
        refunds=refunds,
        refunds_scope="day",
        source="Stripe API balance transactions",
    )
