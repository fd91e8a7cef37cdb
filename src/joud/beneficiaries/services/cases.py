"""Cases and the people in them: a case is opened (by a caseworker, or by the public through the
intake form) only with the applicant's recorded consent; each person added is checked at once
against every association's records for a suspected duplicate."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries import crypto
from joud.beneficiaries.matching.normalize import (
    normalize_civil_id,
    normalize_phone,
    search_key,
    tokenize,
)
from joud.beneficiaries.models import Case, CaseStatusChange, Person, new_code
from joud.beneficiaries.services.duplicates import duplicates_check_person, match_keys_store
from joud.beneficiaries.services.validation import parse_amount, validate_birth
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled

CONSENT_TEXT = _(
    "I agree that the association records my household's data, including civil ID numbers and "
    "phone numbers, to assess my application; that it is kept encrypted; that every access is "
    "logged; and that it is compared, without being shown, with other licensed associations' "
    "records to avoid duplicate aid."
)


@transaction.atomic
def case_create(
    *,
    organization,
    actor,
    kind: str,
    category: str,
    wilayat,
    applicant: dict,
    monthly_income=None,
    needs: str = "",
    consent_given: bool,
    source: str = Case.Source.CASEWORKER,
) -> Case:
    if not consent_given:
        raise BusinessError(
            _("The applicant's consent must be recorded before their data is stored."),
            field="consent_given",
        )
    if not organization.is_licensed:
        raise BusinessError(_("This organization is not licensed to take cases."))
    case = Case.objects.create(
        organization=organization,
        reference=_unique_reference(),
        kind=kind,
        category=category,
        wilayat=wilayat,
        monthly_income=parse_amount(monthly_income, field="monthly_income"),
        needs=needs.strip(),
        consent_given=True,
        consent_at=timezone.now(),
        consent_text=str(CONSENT_TEXT),
        source=source,
        status=Case.Status.SUBMITTED if source == Case.Source.INTAKE else Case.Status.OPEN,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    CaseStatusChange.objects.create(
        organization=organization, case=case, to_status=case.status, changed_by=case.created_by
    )
    audit_log(
        action="joud.case.created",
        actor=actor,
        target=case,
        data={"reference": case.reference, "source": source, "category": category},
    )
    person_add(case=case, actor=actor, relation=Person.Relation.APPLICANT, **applicant)
    return case


def _unique_reference() -> str:
    with scopes_disabled():
        while True:
            code = new_code("CS")
            if not Case.objects.filter(reference=code).exists():
                return code


@transaction.atomic
def person_add(
    *,
    case: Case,
    actor,
    relation: str,
    full_name: str = "",
    given_name: str = "",
    father_name: str = "",
    grandfather_name: str = "",
    family_name: str = "",
    sex: str = "",
    birth_year=None,
    birth_month=None,
    birth_day=None,
    civil_id: str = "",
    phone: str = "",
    monthly_income=None,
    check_duplicates: bool = True,
) -> Person:
    parts = [" ".join((p or "").split()) for p in (given_name, father_name, grandfather_name)]
    family_name = " ".join((family_name or "").split())
    full_name = " ".join((full_name or "").split())
    if not full_name:  # composed from the parts, as the civil ID writes it
        full_name = " ".join(p for p in (*parts, family_name) if p)
    if len(tokenize(full_name)) < 2:
        raise BusinessError(
            _("Write at least the given name and the father's or family name."), field="full_name"
        )
    year, month, day = validate_birth(birth_year, birth_month, birth_day)
    civil = normalize_civil_id(civil_id)
    if civil_id and not 6 <= len(civil) <= 10:
        raise BusinessError(_("A civil ID number has 6 to 10 digits."), field="civil_id")
    phone_n = normalize_phone(phone)
    if phone and not re.fullmatch(r"[279]\d{7}", phone_n):
        raise BusinessError(_("Enter an Omani phone number of 8 digits."), field="phone")
    person = Person.objects.create(
        organization=case.organization,
        case=case,
        relation=relation,
        full_name=full_name[:200],
        given_name=parts[0][:60],
        father_name=parts[1][:60],
        grandfather_name=parts[2][:60],
        family_name=family_name[:80],
        search_name=search_key(full_name),
        sex=sex or "",
        birth_year=year,
        birth_month=month,
        birth_day=day,
        civil_id=civil,
        civil_id_index=crypto.blind_index(civil, purpose="civil_id"),
        phone=phone_n,
        phone_index=crypto.blind_index(phone_n, purpose="phone"),
        monthly_income=parse_amount(monthly_income, field="monthly_income"),
    )
    match_keys_store(person)
    audit_log(
        action="joud.case.person_added",
        actor=actor,
        target=case,
        data={"person": person.pk, "relation": relation},
    )
    if check_duplicates:
        duplicates_check_person(person=person)
    return person
