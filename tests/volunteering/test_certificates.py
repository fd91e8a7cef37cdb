"""Certificates: issued for approved hours; the QR's page says genuine, altered or unknown."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest

from joud.core.errors import BusinessError
from joud.volunteering import selectors, services, tokens
from joud.volunteering.models import Application, Certificate
from tests.factories import UserFactory
from tests.volunteering.factories import ApplicationFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved():
    opportunity = OpportunityFactory(title_ar="تنظيف شاطئ القرم", title_en="Qurum beach clean-up")
    application = ApplicationFactory(
        shift=ShiftFactory(opportunity=opportunity),
        hours_status=Application.Hours.APPROVED,
        minutes=150,
        approved_minutes=150,
        volunteer__full_name="ريم بنت عبدالله الشكيلية",
    )
    return application


def _tamper(token: str, **changes) -> str:
    body, signature = token.rsplit(".", 1)
    content = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    content.update(changes)
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=") + "." + signature


def test_no_certificate_without_approved_hours():
    application = ApplicationFactory()
    with pytest.raises(BusinessError) as exc:
        services.certificate_issue(
            volunteer=application.volunteer, opportunity=application.shift.opportunity
        )
    assert exc.value.code == "no_hours"


def test_issue_is_idempotent_and_signed(approved):
    person, opportunity = approved.volunteer, approved.shift.opportunity
    first = services.certificate_issue(volunteer=person, opportunity=opportunity)
    again = services.certificate_issue(volunteer=person, opportunity=opportunity)
    assert first.pk == again.pk
    assert first.content["minutes"] == 150
    assert first.content["for"] == "تنظيف شاطئ القرم"
    assert first.signature == tokens.certificate_signature(first.content)
    english = services.certificate_issue(volunteer=person, opportunity=opportunity, language="en")
    assert english.pk != first.pk and english.content["for"] == "Qurum beach clean-up"


def test_verification_genuine_altered_unknown(approved, client):
    certificate = services.certificate_issue(
        volunteer=approved.volunteer, opportunity=approved.shift.opportunity
    )
    token = tokens.certificate_token(certificate.content, certificate.signature)
    assert selectors.certificate_verify(token).status == "genuine"

    more_hours = _tamper(token, minutes=9000)
    assert selectors.certificate_verify(more_hours).status == "altered"
    other_name = _tamper(token, name="شخص آخر")
    assert selectors.certificate_verify(other_name).status == "altered"
    forged_signature = token.rsplit(".", 1)[0] + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    assert selectors.certificate_verify(forged_signature).status == "altered"

    # A well-formed, even correctly signed, token for a code Joud never issued is unknown.
    ghost = dict(certificate.content, code="ZZZZZZZZ")
    ghost_token = tokens.certificate_token(ghost, tokens.certificate_signature(ghost))
    assert selectors.certificate_verify(ghost_token).status == "unknown"
    assert selectors.certificate_verify("nonsense").status == "unknown"

    page = client.get(f"/volunteer/certificates/verify/{token}/").content.decode()
    assert "شهادة صحيحة" in page and "ريم بنت عبدالله الشكيلية" in page
    page = client.get(f"/volunteer/certificates/verify/{more_hours}/").content.decode()
    assert "شهادة معدّلة" in page
    page = client.get("/volunteer/certificates/verify/nonsense/").content.decode()
    assert "شهادة غير معروفة" in page


def test_certificate_pdf_for_its_owner_only(approved, client):
    client.force_login(approved.volunteer)
    response = client.post(
        "/volunteer/me/certificates/",
        {"opportunity": approved.shift.opportunity_id, "language": "ar"},
    )
    assert response.status_code == 302
    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert b"Amiri" in pdf.content  # the Arabic font is embedded (shaped by HarfBuzz)
    certificate = Certificate.objects.get()
    other = type(client)()
    other.force_login(UserFactory())
    assert other.get(f"/volunteer/certificates/{certificate.code}/pdf/").status_code == 404


def test_yearly_certificate_sums_every_organization(approved):
    year = approved.shift.local_date.year
    ApplicationFactory(
        volunteer=approved.volunteer,
        shift=ShiftFactory(starts_at=approved.shift.starts_at + dt.timedelta(hours=6)),
        hours_status=Application.Hours.APPROVED,
        approved_minutes=60,
    )
    certificate = services.certificate_issue(volunteer=approved.volunteer, year=year)
    assert certificate.minutes == 210 and certificate.content["year"] == year
