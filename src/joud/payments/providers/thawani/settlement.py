"""Thawani's settlement: the checkout sessions list (and optionally the payments list, for fees
and refunds) as the API returns it, saved as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from joud.core.money import from_minor_units
from joud.payments.providers.thawani.checkout import attempt_reference
from joud.payments.settlement import (
    ProviderReport,
    ReportError,
    ReportPayment,
    local_day,
    parse_time,
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
        created = parse_time(str(session.get("created_at") or ""))
        if created is not None and local_day(created) != day:
            continue
        currency = str(session.get("currency") or "OMR").upper()
        reference = attempt_reference(session)
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
