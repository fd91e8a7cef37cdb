"""The sandbox gateway's settlement report, built from its own records."""

from __future__ import annotations

import datetime as dt

from joud.core.money import quantize
from joud.payments.selectors import sandbox_charges_captured_on
from joud.payments.settlement import ProviderReport, ReportPayment


def sandbox_settlement_report(day: dt.date) -> ProviderReport:
    """The sandbox gateway's settlement for ``day``: captured payments (created that day) with
    their fee, and what has been refunded on them to date."""
    payments, refunds = [], {}
    for charge in sandbox_charges_captured_on(day):
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
