"""The one verify box: every code the platform prints (and a pasted link to it) is recognised by
one resolver, answered with what it is and whether it is genuine, never with personal data; the
page and the API answer alike; bad input gets a message, never a 500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.beneficiaries import services as cases
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.donations.models import PaymentAttempt
from joud.donations.services import payment_attempt_start
from joud.endowments.services import waqf_create, waqf_share_create
from joud.receipts.models import Receipt
from joud.receipts.services import receipt_for_donation
from joud.receipts.verification import verify_any
from joud.volunteering import services as volunteering
from joud.volunteering import tokens
from joud.volunteering.models import Application
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory
from tests.volunteering.factories import ApplicationFactory, OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8351"


def _receipt(initiative) -> Receipt:
    donation, attempt = make_donation(initiative=initiative, amount="12.500")
    pay(attempt)
    with scopes_disabled():
        donation.refresh_from_db()
        return receipt_for_donation(donation=donation)


@pytest.fixture
def share():
    institution = OrganizationFactory(kind="waqf", name_ar="مؤسسة وقف الخير")
    admin = MembershipFactory(organization=institution, role="admin").user
    waqf = waqf_create(
        organization=institution,
        actor=admin,
        name_ar="وقف سقيا الماء",
        name_en="Water endowment",
        purpose_ar="توفير الماء",
        deed_ar="أوقفتُ هذا المال لله تعالى.",
        purposes=["food"],
    )
    with scopes_disabled():
        share = waqf_share_create(
            waqf=waqf, amount=Decimal("50"), donor=None, donor_phone="+96891234567"
        )
        attempt, _url = payment_attempt_start(donation=share.donation, return_url="/")
        pay(PaymentAttempt.unscoped.get(pk=attempt.pk))
    return share


@pytest.fixture
def certificate():
    opportunity = OpportunityFactory(title_ar="تنظيف شاطئ القرم")
    application = ApplicationFactory(
        shift=ShiftFactory(opportunity=opportunity),
        hours_status=Application.Hours.APPROVED,
        minutes=150,
        approved_minutes=150,
        volunteer__full_name="ريم بنت عبدالله الشكيلية",
    )
    return volunteering.certificate_issue(volunteer=application.volunteer, opportunity=opportunity)


def _approved_case(case, actor):
    with organization_scope(case.organization):
        cases.assessment_record(
            case=case,
            actor=actor,
            category="living",
            answers={"income_verified": True, "income_below_threshold": True},
        )
        cases.case_decide(case=case, actor=actor, outcome="approve", reason="مستحق")
    return case


def test_an_initiative_code_as_typed_and_as_its_qr_link():
    item = InitiativeFactory()
    typed = verify_any(f"  {item.public_code.lower()} ")
    assert (typed.kind, typed.status, typed.initiative) == ("initiative", "licensed", item)
    for link in (
        f"{SITE}/verify/{item.public_code}/",
        f"https://localhost/initiatives/{item.public_code}/",
        f"/verify/?code={item.public_code}",
        f"127.0.0.1:8000/qr/{item.public_code}.png",
    ):
        assert verify_any(link).initiative == item, link
    with scopes_disabled():
        item.organization.status = "suspended"
        item.organization.save()
    assert verify_any(item.public_code).status == "suspended"


def test_a_receipt_by_its_qr_link_shows_the_amount_by_its_number_only_that_it_exists(initiative):
    receipt = _receipt(initiative)
    by_link = verify_any(f"{SITE}/receipts/verify/{receipt.token}/")
    assert (by_link.kind, by_link.status, by_link.amount) == (
        "receipt",
        "genuine",
        Decimal("12.500"),
    )
    by_number = verify_any(receipt.display_number)
    assert (by_number.kind, by_number.status) == ("receipt", "genuine")
    assert by_number.organization == initiative.organization and by_number.amount is None
    by_reference = verify_any(receipt.donation.reference.lower())
    assert by_reference.code == receipt.display_number and by_reference.amount is None
    assert verify_any(f"{receipt.organization_id:03d}-{receipt.number + 1:07d}").status == "unknown"
    assert verify_any(f"{SITE}/receipts/verify/forged/").status == "unknown"


def test_a_volunteer_certificate_by_code_and_by_qr_link_without_the_volunteers_name(certificate):
    by_code = verify_any(certificate.code.lower())
    assert (by_code.kind, by_code.status, by_code.hours) == (
        "certificate",
        "genuine",
        Decimal("2.5"),
    )
    token = tokens.certificate_token(certificate.content, certificate.signature)
    assert verify_any(f"{SITE}/volunteer/certificates/verify/{token}/").status == "genuine"
    forged = tokens.certificate_token({**certificate.content, "minutes": 6000}, "bad")
    altered = verify_any(f"{SITE}/volunteer/certificates/verify/{forged}/")
    assert (altered.kind, altered.status) == ("certificate", "altered")
    assert "ريم" not in str(vars(by_code))


def test_a_waqf_share_certificate(share):
    found = verify_any(share.code.lower())
    assert (found.kind, found.status, found.amount) == ("waqf_share", "genuine", Decimal("50.000"))
    assert verify_any(f"{SITE}/receipts/waqf/{share.code}/").code == share.code
    assert verify_any("WQ-2222222222").status == "unknown"


def test_a_case_code_says_only_that_it_exists_and_its_state(case_a, caseworker_a):
    found = verify_any(case_a.reference.lower())
    assert (found.kind, found.status, found.state) == ("case", "genuine", "open")
    assert found.organization is None and found.amount is None
    _approved_case(case_a, caseworker_a)
    with organization_scope(case_a.organization):
        public = cases.public_case_publish(
            case=case_a,
            actor=caseworker_a,
            title_ar="أسرة تحتاج إلى سداد الإيجار",
            story_ar="أسرة من خمسة أفراد تأخرت في سداد الإيجار.",
            amount_needed=Decimal("300"),
        )
    shown = verify_any(f"{SITE}/cases/give/{public.code}/")
    assert (shown.kind, shown.state, shown.amount_needed) == ("case", "published", Decimal("300"))
    assert shown.amount_raised == Decimal("0")
    assert "الهنائي" not in str(vars(shown)) and "الهنائي" not in str(vars(found))
    # closed, its public page is gone: the code was ours, nothing more
    with scopes_disabled():
        type(public).objects.filter(pk=public.pk).update(status="closed")
    closed = verify_any(public.code)
    assert (closed.kind, closed.status, closed.state) == ("case", "genuine", "closed")
    assert closed.organization is None and closed.amount_needed is None
    assert closed.amount_raised is None and not closed.extra


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("A" * 5000, "too_long"),
        ("K7Q\x002MX", "control_characters"),
        ("K7Q\x07MX", "control_characters"),
        ("K7Q\u202eMX", "control_characters"),
        ("https://evil.example/verify/K7Q2MX/", "foreign_link"),
        ("javascript:alert(1)//x", "foreign_link"),
        (f"{SITE}/give/thanks/JD-ABCDEF/", "unreadable"),
        (f"{SITE}/nowhere/at/all/", "unreadable"),
        ("http://[::1/verify/K7Q2MX/", "unreadable"),
        ("https://joud.om.evil.example/verify/K7Q2MX/", "foreign_link"),
        ("http://localhost@evil.example/verify/K7Q2MX/", "foreign_link"),
    ],
)
def test_bad_input_is_invalid_with_a_reason(text, problem):
    found = verify_any(text)
    assert (found.status, found.problem) == ("invalid", problem)
    assert str(found.message)


@pytest.mark.parametrize("text", ["", "ZZZZZZ", "JC-ZZZZZZ", "CS-ZZZZZZ", "9" * 30, "١٢٣", "😀"])
def test_unknown_codes(text):
    assert verify_any(text).status == "unknown"


def test_the_page_answers_every_kind_in_both_languages(client, initiative, share, certificate):
    receipt = _receipt(initiative)
    page = client.get("/verify/", {"code": receipt.display_number, "lang": "en"}).content.decode()
    assert 'data-kind="receipt"' in page and "Genuine receipt" in page
    assert "scan the QR code printed on the receipt" in page
    page = client.get(f"/verify/{share.code}/", {"lang": "ar"}).content.decode()
    assert 'data-kind="waqf_share"' in page and "وقف سقيا الماء" in page, page
    page = client.get("/verify/", {"code": certificate.code, "lang": "en"}).content.decode()
    assert 'data-kind="certificate"' in page and "ريم" not in page
    link = f"{SITE}/receipts/verify/{receipt.token}/"
    page = client.get("/verify/", {"code": link, "lang": "en"}).content.decode()
    assert 'data-kind="receipt"' in page and "12.500" in page


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("x" * 3000, "too_long"),
        ("https://evil.example/verify/K7Q2MX/", "foreign_link"),
        ("AB\x07C", "control_characters"),
    ],
)
def test_the_page_explains_bad_input_without_a_500(client, text, problem):
    response = client.get("/verify/", {"code": text, "lang": "en"})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'data-problem="{problem}"' in body and "We could not read this" in body
    assert 'value="https://evil' not in body  # not echoed back into the box


def test_the_api_uses_the_same_resolver(client, share, initiative):
    data = client.get(f"/api/v1/verify/{share.code}").json()
    assert data["kind"] == "waqf_share" and data["status"] == "genuine"
    assert data["amount"] == "50.000" and data["issued_on"] == str(timezone.localdate())
    receipt = _receipt(initiative)
    data = client.get(f"/api/v1/verify/{receipt.display_number}").json()
    assert data["kind"] == "receipt" and data["amount"] is None
    link = f"{SITE}/receipts/verify/{receipt.token}/"
    data = client.get("/api/v1/verify", {"code": link}).json()
    assert data["kind"] == "receipt" and data["amount"] == "12.500"
    data = client.get("/api/v1/verify", {"code": "https://evil.example/verify/K7Q2MX/"}).json()
    assert data["status"] == "invalid" and data["problem"] == "foreign_link"
    assert data["message_ar"] and data["message_en"] and data["message_ar"] != data["message_en"]
    assert client.get("/api/v1/verify/" + "A" * 3000).json()["problem"] == "too_long"
    assert client.get("/api/v1/verify/K7%0AQ").json()["problem"] == "control_characters"


def test_an_initiative_past_its_end_reads_expired_the_day_after(client):
    today = timezone.localdate()
    item = InitiativeFactory(ends_on=today)
    assert verify_any(item.public_code, today=today).status == "licensed"
    assert verify_any(item.public_code, today=today + dt.timedelta(days=1)).status == "expired"
