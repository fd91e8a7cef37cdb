"""One reconciliation run: load the gateway's report, compare, record, and print a table."""

from __future__ import annotations

import datetime as dt

from joud.core.audit import audit_log
from joud.donations.reconciliation.matching import ReconciliationResult, reconcile
from joud.payments.settlement_reports import load_report


def reconciliation_run(provider: str, day: dt.date, path=None) -> ReconciliationResult:
    """Load the report, compare, and record the result in the audit log."""
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
