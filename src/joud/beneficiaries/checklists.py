"""Eligibility checklists per category. An assessment is eligible when every required item holds.

The zakat checklist is always answered too, so a case is known to be zakat-eligible (zakat money
is ring-fenced: it may reach only cases that pass it) whatever its own category.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# key, label, required
CHECKLISTS = {
    "zakat": [
        ("zakat_muslim", _("The applicant is Muslim"), True),
        ("zakat_below_nisab", _("The household's wealth is below the nisab"), True),
        (
            "zakat_eight_categories",
            _("The applicant belongs to one of the eight zakat categories (poor, needy, debtor…)"),
            True,
        ),
        (
            "zakat_not_dependant",
            _("The applicant is not a dependant the zakat payer must support"),
            True,
        ),
    ],
    "living": [
        ("income_verified", _("Income verified with documents"), True),
        ("income_below_threshold", _("Income per household member is below the threshold"), True),
        ("home_visit", _("Home visit done"), False),
    ],
    "housing": [
        ("housing_documents", _("Tenancy or ownership documents seen"), True),
        ("housing_unsafe", _("The home is unsafe or the rent is in arrears"), True),
        ("engineer_report", _("Engineer's or contractor's estimate attached"), False),
    ],
    "medical": [
        ("medical_report", _("A recent medical report is attached"), True),
        ("not_covered", _("The treatment is not covered by the government or insurance"), True),
        ("cost_estimate", _("Cost estimate from the hospital attached"), True),
    ],
    "education": [
        ("enrolled", _("Proof of enrolment seen"), True),
        ("fees_invoice", _("Invoice of fees attached"), True),
    ],
    "orphans": [
        ("death_certificate", _("The father's death certificate seen"), True),
        ("under_18", _("The child is under 18"), True),
    ],
    "debt": [
        ("debt_documents", _("Court or creditor documents seen"), True),
        ("debt_for_necessities", _("The debt was for necessities, not luxuries"), True),
    ],
    "relief": [
        (
            "affected_verified",
            _("The household was affected, verified by a visit or the authorities"),
            True,
        ),
    ],
}


def checklist_for(category: str):
    return CHECKLISTS.get(category, [])


def evaluate_checklist(category: str, answers: dict[str, bool]) -> bool:
    items = checklist_for(category)
    return bool(items) and all(answers.get(key) for key, _label, required in items if required)
