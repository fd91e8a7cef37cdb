"""Writing disbursements: requests and their evidence, decisions, booking, payment, reversal."""

from joud.disbursements.services.debts import debt_relief_discharge
from joud.disbursements.services.decisions import (
    disbursement_approve,
    disbursement_bounce,
    disbursement_mark_paid,
    disbursement_ministry_decide,
    disbursement_reject,
    disbursement_submit,
    ministry_threshold,
    needs_ministry,
)
from joud.disbursements.services.requests import (
    SPENDABLE_KINDS,
    check_restrictions,
    disbursement_create,
    evidence_add,
)

__all__ = [
    "SPENDABLE_KINDS",
    "check_restrictions",
    "debt_relief_discharge",
    "disbursement_approve",
    "disbursement_bounce",
    "disbursement_create",
    "disbursement_mark_paid",
    "disbursement_ministry_decide",
    "disbursement_reject",
    "disbursement_submit",
    "evidence_add",
    "ministry_threshold",
    "needs_ministry",
]
