"""Beneficiary cases: every write goes through here (keyword-only, in a transaction, audited).

- ``cases``: opening a case with consent, adding people;
- ``documents``: case documents, encrypted at rest: adding, moving old ones, key rotation;
- ``duplicates``: suspected duplicates across associations (on entry, nightly, reviewers' calls);
- ``decisions``: assessments, decisions and appeals (the case's statuses);
- ``privacy``: the access log, exports with a reason, key rotation;
- ``public_cases``: publishing an approved case for giving and recording gifts to it;
- ``in_kind``: goods offered for a published case;
- ``debts``: debt relief: the debt, its proof, its discharge.
"""

from joud.beneficiaries.matching.normalize import search_key
from joud.beneficiaries.services.cases import CONSENT_TEXT, case_create, person_add
from joud.beneficiaries.services.debts import (
    debt_close,
    debt_record,
    document_verify,
    payable_debt,
)
from joud.beneficiaries.services.decisions import (
    TRANSITIONS,
    appeal_decide,
    appeal_record,
    assessment_record,
    case_decide,
)
from joud.beneficiaries.services.documents import (
    document_add,
    documents_move_legacy,
    documents_rotate,
)
from joud.beneficiaries.services.duplicates import (
    duplicate_decide,
    duplicates_check_person,
    duplicates_detect_all,
    matcher_state,
    person_record,
    statistics_refresh,
)
from joud.beneficiaries.services.in_kind import (
    INKIND_TRANSITIONS,
    inkind_advance,
    inkind_offer,
    matching_needs,
)
from joud.beneficiaries.services.privacy import (
    access_log_record,
    case_export,
    health_read,
    health_set,
    rotate_keys,
)
from joud.beneficiaries.services.public_cases import public_case_add_funds, public_case_publish

__all__ = [
    "CONSENT_TEXT",
    "INKIND_TRANSITIONS",
    "TRANSITIONS",
    "access_log_record",
    "appeal_decide",
    "appeal_record",
    "assessment_record",
    "case_create",
    "case_decide",
    "case_export",
    "debt_close",
    "debt_record",
    "document_add",
    "document_verify",
    "documents_move_legacy",
    "documents_rotate",
    "duplicate_decide",
    "duplicates_check_person",
    "duplicates_detect_all",
    "health_read",
    "health_set",
    "inkind_advance",
    "inkind_offer",
    "matcher_state",
    "matching_needs",
    "payable_debt",
    "person_add",
    "person_record",
    "public_case_add_funds",
    "public_case_publish",
    "rotate_keys",
    "search_key",
    "statistics_refresh",
]
