"""Beneficiary cases, their people, assessments and decisions; privacy; duplicate alerts.

Personal identifiers (civil ID, phone) are stored only encrypted, next to a blind index used for
exact matching. Every read of a case's personal data is written to ``CaseAccessLog``. Cases and
everything inside them belong to one organization (``OrganizationOwnedModel``); duplicate alerts
span two organizations and are read through selectors that check the reader is involved.
"""

from joud.beneficiaries.models.cases import (
    Appeal,
    Case,
    CaseDecision,
    CaseDocument,
    CaseStatusChange,
    Category,
    EligibilityAssessment,
    Person,
    new_code,
)
from joud.beneficiaries.models.debts import Debt
from joud.beneficiaries.models.giving import InKindOffer, PublicCase
from joud.beneficiaries.models.matching import DuplicateAlert, MatcherState, MatchKey
from joud.beneficiaries.models.privacy import CaseAccessLog

__all__ = [
    "Appeal",
    "Case",
    "CaseAccessLog",
    "CaseDecision",
    "CaseDocument",
    "CaseStatusChange",
    "Category",
    "Debt",
    "DuplicateAlert",
    "EligibilityAssessment",
    "InKindOffer",
    "MatchKey",
    "MatcherState",
    "Person",
    "PublicCase",
    "new_code",
]
