"""Reconciliation: what a gateway says it settled, against what the ledger booked.

The gateways' reports are read by payments (``payments/settlement_reports.py`` and each
provider's ``settlement.py``), the ledger's bookings by ``ledger.selectors``; matching the two
against donations' payment attempts and refunds happens here.
"""

from joud.donations.reconciliation.matching import (
    Difference,
    Kind,
    ReconciliationResult,
    reconcile,
)
from joud.donations.reconciliation.runs import format_table, reconciliation_run

__all__ = [
    "Difference",
    "Kind",
    "ReconciliationResult",
    "format_table",
    "reconcile",
    "reconciliation_run",
]
