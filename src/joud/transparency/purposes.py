"""What a disbursement paid for, in plain words (the ledger keeps only a code)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.ledger.services.spending import Purpose

PURPOSE_LABELS = {
    Purpose.POOR_AND_NEEDY: _("Help for the poor and needy"),
    Purpose.DEBT_RELIEF: _("Paying off debts"),
    Purpose.WAYFARER: _("Help for stranded travellers"),
    Purpose.ZAKAT_COLLECTION: _("Collecting and distributing zakat"),
    Purpose.ORPHANS: _("Orphans"),
    Purpose.SCHOOL_MEALS: _("School meals"),
    Purpose.CONSTRUCTION: _("Building and repairs"),
    Purpose.OPERATIONS: _("Running costs"),
    Purpose.GENERAL: _("General charitable spending"),
}


def purpose_label(code: str):
    return PURPOSE_LABELS.get(code, PURPOSE_LABELS[Purpose.GENERAL])
