"""What a disbursement pays for, in plain words, and the ledger purpose each one is booked as
(the ledger decides from it whether zakat may pay: ``joud.ledger.services.Purpose``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.ledger.services import ZAKAT_ELIGIBLE_PURPOSES
from joud.ledger.services import Purpose as LedgerPurpose


class Purpose(models.TextChoices):
    FOOD = "food", _("Food for families in need")
    CASH_AID = "cash_aid", _("Cash help for a family in need")
    MEDICAL = "medical", _("Medical treatment for people in need")
    CLOTHING = "clothing", _("Clothing for families in need")
    DEBT_RELIEF = "debt_relief", _("Paying the debt of someone in hardship")
    WAYFARER = "wayfarer", _("Help for a stranded traveller")
    ORPHANS = "orphans", _("Orphan sponsorship")
    SCHOOL_MEALS = "school_meals", _("School meals")
    EDUCATION = "education", _("School fees and supplies")
    CONSTRUCTION = "construction", _("Building and repairs")
    RELIEF = "relief", _("Emergency relief")
    OPERATIONS = "operations", _("The organization's running costs")
    GENERAL = "general", _("Another charitable purpose")


LEDGER_PURPOSE = {
    Purpose.FOOD: LedgerPurpose.POOR_AND_NEEDY,
    Purpose.CASH_AID: LedgerPurpose.POOR_AND_NEEDY,
    Purpose.MEDICAL: LedgerPurpose.POOR_AND_NEEDY,
    Purpose.CLOTHING: LedgerPurpose.POOR_AND_NEEDY,
    Purpose.DEBT_RELIEF: LedgerPurpose.DEBT_RELIEF,
    Purpose.WAYFARER: LedgerPurpose.WAYFARER,
    Purpose.ORPHANS: LedgerPurpose.ORPHANS,
    Purpose.SCHOOL_MEALS: LedgerPurpose.SCHOOL_MEALS,
    Purpose.EDUCATION: LedgerPurpose.GENERAL,
    Purpose.CONSTRUCTION: LedgerPurpose.CONSTRUCTION,
    Purpose.RELIEF: LedgerPurpose.GENERAL,
    Purpose.OPERATIONS: LedgerPurpose.OPERATIONS,
    Purpose.GENERAL: LedgerPurpose.GENERAL,
}


def ledger_purpose(purpose: str) -> str:
    return LEDGER_PURPOSE[Purpose(purpose)]


def zakat_eligible(purpose: str) -> bool:
    return ledger_purpose(purpose) in ZAKAT_ELIGIBLE_PURPOSES
