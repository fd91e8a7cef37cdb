"""Access, export, correction and erasure on a person with gifts, volunteering and a consent; and a
beneficiary's case through the association. Receipts and the ledger keep their figures; the name
is gone where the law allows."""

from __future__ import annotations

import json

import pytest
from django.db.models import Sum
from django.utils import translation

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.ledger.models import Entry
from joud.privacy.models import Consent, RightsRequest
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_record
from joud.privacy.services.rights import person_erase, person_export, person_rectify
from joud.receipts.models import Receipt
from joud.volunteering.models import Application, VolunteerProfile
from tests.donations.factories import make_donation, pay
from tests.volunteering.factories import ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def person(donor, initiative):
    donation, attempt = make_donation(
        initiative=initiative,
        amount="25.500",
        donor=donor,
        donor_name="سالم البلوشي",
        donor_phone=donor.phone,
        donor_email=donor.email,
    )
    pay(attempt)
    # a gift given earlier as a guest, found by the same mobile number
    make_donation(initiative=initiative, amount="5.000", donor_name="سالم", donor_phone=donor.phone)
    ApplicationFactory(volunteer=donor, guardian_name="", guardian_phone="")
    consent_record(subject=DataSubject.of_user(donor), purpose="updates", method="web")
    return donor


def test_export_holds_everything_and_is_logged_with_its_deadline(person):
    request, text = person_export(subject=DataSubject.of_user(person), actor=person)
    data = json.loads(text)
    assert data["account"]["full_name"] == "سالم البلوشي"
    assert {g["amount"] for g in data["donations"] if "reference" in g} == {"25.500", "5.000"}
    assert any(row.get("profile") for row in data["volunteering"])
    assert len([r for r in data["volunteering"] if "shift_starts_at" in r]) == 1
    assert data["consents"][0]["purpose"] == "updates" and data["consents"][0]["version"] == 1
    assert request.kind == "export" and request.status == "answered"
    assert request.due_at > request.received_at and request.answered_at <= request.due_at


def test_rectify_corrects_the_name_and_logs_it(person):
    answered = person_rectify(user=person, full_name="  سالم  بن علي البلوشي ", language="en")
    person.refresh_from_db()
    assert person.full_name == "سالم بن علي البلوشي" and person.language == "en"
    assert answered.kind == "rectify" and answered.outcome == [
        {"corrected": ["full_name", "language"]}
    ]


def test_erasure_keeps_the_books_and_receipts_with_the_name_replaced(person):
    with scopes_disabled():
        paid = Donation.objects.get(donor=person)
        receipts_before = Receipt.objects.filter(donation=paid).count()
    entries_before = Entry.objects.aggregate(n=Sum("credit"))["n"], Entry.objects.count()
    answered = person_erase(subject=DataSubject.of_user(person), actor=person)
    with scopes_disabled():
        paid.refresh_from_db()
        guest = Donation.objects.get(amount="5.000")
        assert Receipt.objects.filter(donation=paid).count() == receipts_before
    assert paid.amount == 25.5 and paid.state == "confirmed" and paid.reference
    assert (paid.donor_id, paid.donor_name, paid.donor_phone, paid.donor_email) == (
        None,
        "",
        "",
        "",
    )
    assert paid.is_anonymous and guest.donor_phone == "" and guest.donor_name == ""
    assert (Entry.objects.aggregate(n=Sum("credit"))["n"], Entry.objects.count()) == entries_before
    person.refresh_from_db()
    assert (person.full_name, person.email, person.phone, person.is_active) == (
        "",
        None,
        None,
        False,
    )
    assert not VolunteerProfile.objects.filter(user=person).exists()
    with scopes_disabled():
        assert Application.objects.filter(volunteer=person).count() == 1  # the hours stay
    assert not Consent.objects.filter(withdrawn_at__isnull=True, user=person).exists()
    assert not Consent.objects.exclude(phone="").filter(user=person).exists()
    # The answer is written in the person's language (their account's, Arabic by default).
    outcome = {row["data"]: row for row in answered.outcome}
    with translation.override(person.language or "ar"):
        gifts = outcome[translation.gettext("Gifts and their receipts")]
        profile = outcome[translation.gettext("Volunteer profile")]
        hours = outcome[translation.gettext("Shifts and hours")]
        ten_years = translation.gettext(
            "Amounts, dates, references and receipt numbers stay in the association's "
            "books for ten years, as accounting and the fundraising regulation require; "
            "the name and contacts are removed."
        )
    assert (gifts["action"], gifts["count"], gifts["why"]) == ("pseudonymised", 2, ten_years)
    assert profile["action"] == "removed"
    assert hours["action"] == "kept"
    assert answered.kind == RightsRequest.Kind.ERASE and answered.status == "answered"
    # nothing of the person is left to find by phone
    again = json.loads(person_export(subject=DataSubject(phone="+96890000000"), actor=None)[1])
    assert again["donations"] == []


def test_a_case_is_seen_and_erased_through_the_association(case_a, org_a):
    with scopes_disabled():
        head = case_a.head
        head.health_condition = "فشل كلوي، غسيل ثلاث مرات أسبوعيًا"
        head.save()
    subject = DataSubject(organization=org_a, case_reference=case_a.reference)
    data = json.loads(person_export(subject=subject, actor=None, kind="access")[1])
    people = [r for r in data["cases"] if "full_name" in r]
    assert people and people[0]["health_condition"].startswith("فشل كلوي")
    assert people[0]["civil_id"]
    answered = person_erase(subject=subject, actor=None)
    with scopes_disabled():
        head.refresh_from_db()
        case_a.refresh_from_db()
    assert (head.civil_id, head.phone, head.health_condition, head.given_name) == ("", "", "", "")
    assert head.full_name == "—" and head.civil_id_index == ""
    assert case_a.status and case_a.reference  # the case and its decisions stay
    assert any(row["action"] == "kept" for row in answered.outcome)
