"""Structured names in the app (issue 21, item 1): the parts are stored as the form gave them and
the detector is fed the same fields as in the evaluation."""

from __future__ import annotations

import pytest

from joud.beneficiaries.models import DuplicateAlert
from joud.beneficiaries.services.duplicates import person_record
from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.factories import make_case

pytestmark = pytest.mark.django_db

PARTS = {
    "full_name": "",
    "given_name": "عائشة",
    "father_name": "المعتصم",
    "grandfather_name": "سالم",
    "family_name": "الهنائية",
    "sex": "f",
}


def test_name_parts_are_stored_and_fed_to_the_detector(org_a, caseworker_a):
    with scopes_disabled():
        case = make_case(org_a, caseworker_a, **PARTS)
        person = case.members.get()
    assert person.full_name == "عائشة المعتصم سالم الهنائية"
    assert (person.given_name, person.father_name, person.family_name) == (
        "عائشة",
        "المعتصم",
        "الهنائية",
    )
    rec = person_record(person)
    assert (rec.given, rec.father, rec.grandfather, rec.family) == (
        "عائشة",
        "المعتصم",
        "سالم",
        "الهنائية",
    )
    assert rec.civil_near  # one-digit-off forms, as blind indexes
    assert "12345678" not in "".join(rec.civil_near)


def test_a_variant_spelling_and_a_mistyped_civil_id_still_raise_an_alert(
    org_a, org_b, caseworker_a, caseworker_b
):
    with scopes_disabled():
        make_case(org_a, caseworker_a, **PARTS)
        make_case(org_b, caseworker_b, **{**PARTS, "given_name": "عيشة", "civil_id": "12345679"})
        alert = DuplicateAlert.objects.get()
    fields = alert.evidence["fields"]
    assert fields["given"]["state"] == "variant"
    assert fields["civil_id"]["state"] == "one_digit"


def test_a_name_is_still_required(org_a, caseworker_a):
    from joud.core.errors import BusinessError

    with scopes_disabled(), pytest.raises(BusinessError):
        make_case(org_a, caseworker_a, full_name="", given_name="عائشة")
