"""The licence application: a signed-in person applies, becomes the admin, the ministry decides."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from joud.campaigns.services import initiative_rule_problems
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.geo.models import Wilayat
from joud.ministry import services as ministry
from joud.organizations.models import Membership, Organization, OrganizationDocument
from joud.organizations.validators import validate_iban
from tests.campaigns.factories import draft_initiative, pdf_file, svg_file
from tests.factories import governorate
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db

VALID_IBAN = "OM60 0180 0000 1234 5678 901"


def _form(**overrides):
    gov = governorate("DA")
    data = {
        "kind": "team",
        "name_ar": "فريق بهلا الخيري",
        "name_en": "Bahla Charity Team",
        "licence_number": "MSD-TM-0999",
        "governorate": gov.pk,
        "wilayat": Wilayat.objects.filter(governorate=gov).first().pk,
        "description_ar": "فريق تطوعي",
        "contact_name": "سعيد الهنائي",
        "contact_email": "team@example.om",
        "contact_phone": "+96891234567",
        "bank_name": "بنك مسقط",
        "iban": VALID_IBAN,
        "registration": pdf_file(),
    }
    data.update(overrides)
    return data


def test_a_signed_in_person_applies_and_becomes_admin(client, donor):
    client.force_login(donor)
    response = client.post("/organizations/apply/", _form())
    assert response.status_code == 302
    org = Organization.objects.get(name_en="Bahla Charity Team")
    assert org.status == Organization.Status.PENDING
    assert org.iban == "OM600180000012345678901"
    assert org.answer_due_on is not None
    assert Membership.objects.filter(user=donor, organization=org, role="admin").exists()
    with scopes_disabled():
        doc = OrganizationDocument.objects.get(organization=org)
    assert doc.file.name.startswith(f"private/organizations/{org.pk}/")
    assert AuditLogEntry.objects.filter(action="joud.organization.applied").exists()
    # The applicant is not licensed yet: no initiative can be submitted.

    assert initiative_rule_problems(draft_initiative(organization=org))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("iban", "OM61 0180 0000 1234 5678 901"),  # wrong check digits
        ("iban", "OM60 0180"),
        ("registration", ""),
        ("registration", svg_file(name="cert.pdf", content_type="application/pdf")),
        ("name_ar", ""),
        ("wilayat", ""),
    ],
)
def test_bad_input_is_shown_with_the_data_kept(client, donor, field, value):
    client.force_login(donor)
    data = _form(**{field: value})
    if value == "":
        data.pop(field)
    response = client.post("/organizations/apply/?lang=en", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "invalid-feedback" in body or "alert-danger" in body
    assert "Bahla Charity Team" in body or field == "name_ar"
    assert not Organization.objects.filter(name_en="Bahla Charity Team").exists()


def test_wilayat_must_be_in_the_governorate(client, donor):
    client.force_login(donor)
    other = Wilayat.objects.filter(governorate=governorate("MA")).first()
    response = client.post("/organizations/apply/", _form(wilayat=other.pk))
    assert response.status_code == 200
    assert not Organization.objects.filter(name_en="Bahla Charity Team").exists()


def test_iban_validator():
    validate_iban("OM600180000012345678901")
    with pytest.raises(Exception):  # noqa: B017
        validate_iban("OM600180000012345678902")


def test_changes_requested_then_resubmitted_then_approved(client, donor, reviewer):
    client.force_login(donor)
    client.post("/organizations/apply/", _form())
    org = Organization.objects.get(name_en="Bahla Charity Team")
    ministry.organization_request_changes(
        organization=org, reviewer=reviewer, reason="أرفقوا شهادة سارية"
    )
    org.refresh_from_db()
    assert org.status == Organization.Status.CHANGES_REQUESTED
    client = login_with_totp(client, donor)  # now a staff member: two-factor needed
    page = client.get(f"/organizations/apply/{org.slug}/")
    assert "أرفقوا شهادة سارية" in page.content.decode()
    data = _form(contact_name="سعيد بن علي الهنائي")
    response = client.post(f"/organizations/apply/{org.slug}/", data)
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == Organization.Status.PENDING
    assert org.contact_name == "سعيد بن علي الهنائي"
    ministry.organization_approve(organization=org, reviewer=reviewer)
    org.refresh_from_db()
    assert org.status == Organization.Status.ACTIVE and org.licence_expires_on


def test_someone_else_cannot_see_the_application(client, donor, reviewer):
    client.force_login(donor)
    client.post("/organizations/apply/", _form())
    org = Organization.objects.get(name_en="Bahla Charity Team")
    login_with_totp(client, reviewer)
    assert client.get(f"/organizations/apply/{org.slug}/").status_code == 404


def test_big_documents_are_refused(client, donor):
    client.force_login(donor)
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post("/organizations/apply/", _form(registration=big))
    assert response.status_code == 200
    assert not Organization.objects.filter(name_en="Bahla Charity Team").exists()


def test_wilayat_options_name_their_governorate(client, donor):
    client.force_login(donor)
    body = client.get("/organizations/apply/").content.decode()
    nizwa = Wilayat.objects.get(name_ar="نزوى")
    assert f'data-governorate="{nizwa.governorate_id}" value="{nizwa.pk}"' in body or (
        f'value="{nizwa.pk}" data-governorate="{nizwa.governorate_id}"' in body
    )
