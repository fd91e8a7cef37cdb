"""The organization's pages (both languages, bad input answered with a form error, never a 500),
four eyes through the pages, and the ministry's queue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement, Evidence
from joud.ledger import accounts
from tests.campaigns.factories import pdf_file, svg_file
from tests.disbursements.factories import IBAN, ask, finance_team, funded_initiative, posted
from tests.factories import UserFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    initiative = funded_initiative("200.000")
    requester, approver = finance_team(initiative.organization)
    return initiative, requester, approver


def _form(initiative, **overrides):
    data = {
        "source": accounts.initiative_account(initiative).pk,
        "initiative": "",
        "purpose": "school_meals",
        "amount": "٤٥٫٢٥٠",
        "payee_kind": "supplier",
        "payee_name": "مطبخ الولاية",
        "commercial_registration": "1098765",
        "case": "",
        "bank_account": "OM60 0180 0000 1234 5678 901",
        "planned_on": "2026-12-10",
        "details": "وجبات شهر",
    }
    data.update(overrides)
    return data


def test_a_finance_officer_files_a_request_in_arabic_and_english(client, team):
    initiative, requester, _approver = team
    login_with_totp(client, requester)
    for lang, words, direction in (
        ("ar", "طلب دفعة", 'dir="rtl"'),
        ("en", "Ask for a payment", 'dir="ltr"'),
    ):
        page = client.get(f"/disbursements/org/new/?lang={lang}")
        html = page.content.decode()
        assert page.status_code == 200 and words in html and direction in html
        listing = client.get(f"/disbursements/org/?lang={lang}")
        assert listing.status_code == 200 and words in listing.content.decode()
    # The finance page leads to the payments out.
    assert 'href="/disbursements/org/"' in client.get("/ledger/org/").content.decode()
    response = client.post("/disbursements/org/new/?lang=en", _form(initiative))
    assert response.status_code == 302
    with scopes_disabled():
        item = Disbursement.objects.get()
    assert item.amount == Decimal("45.250") and item.bank_account == IBAN
    assert item.initiative == initiative and item.state == "draft"
    detail = client.get(f"/disbursements/org/{item.reference}/?lang=ar").content.decode()
    assert item.reference in detail and "مطبخ الولاية" in detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "1e9", "Enter an amount in rials"),
        ("amount", "-5", "Enter an amount in rials"),
        ("amount", "1.0001", "at most three decimals"),
        ("amount", "99999999999999999", "The largest amount accepted"),
        ("bank_account", "OM00 1234", "IBAN"),
        ("commercial_registration", "=1+1", "commercial registration"),
        ("planned_on", "2099-01-01", "within a year"),
        ("source", "999999", "Select a valid choice"),
        ("purpose", "construction", None),  # valid: an initiative may build
    ],
)
def test_bad_input_is_a_form_error(client, team, field, value, message):
    initiative, requester, _approver = team
    login_with_totp(client, requester)
    response = client.post("/disbursements/org/new/?lang=en", _form(initiative, **{field: value}))
    if message is None:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    assert message in response.content.decode()
    with scopes_disabled():
        assert not Disbursement.objects.exists()


def test_a_zakat_payment_to_the_wrong_purpose_is_refused_in_the_page(client, team):
    initiative, requester, _approver = team
    zakat = accounts.organization_account(initiative.organization, "zakat")
    login_with_totp(client, requester)
    response = client.post(
        "/disbursements/org/new/?lang=ar",
        _form(initiative, source=zakat.pk, purpose="construction"),
    )
    assert response.status_code == 200
    assert "لا تُصرف أموال الزكاة إلا في مصارفها" in response.content.decode()


def test_four_eyes_through_the_pages_and_evidence(client, team):
    initiative, requester, approver = team
    item = ask(initiative.organization, requester, source=accounts.initiative_account(initiative))
    login_with_totp(client, requester)
    bad = client.post(
        f"/disbursements/org/{item.reference}/evidence/",
        {"kind": "invoice", "file": svg_file("invoice.pdf"), "is_public": "on"},
    )
    assert bad.status_code == 302
    ok = client.post(
        f"/disbursements/org/{item.reference}/evidence/",
        {"kind": "invoice", "file": pdf_file("invoice.pdf"), "is_public": "on"},
    )
    assert ok.status_code == 302
    with scopes_disabled():
        assert list(Evidence.objects.values_list("kind", "is_public")) == [("invoice", True)]
    client.post(f"/disbursements/org/{item.reference}/submit/")
    page = client.get(f"/disbursements/org/{item.reference}/?lang=en").content.decode()
    assert "cannot approve it" in page and "Approve the payment" not in page
    client.post(f"/disbursements/org/{item.reference}/approve/?lang=en")
    item.refresh_from_db()
    assert item.state == "submitted"
    client.logout()
    login_with_totp(client, approver)
    assert (
        "Approve the payment"
        in client.get(f"/disbursements/org/{item.reference}/?lang=en").content.decode()
    )
    client.post(f"/disbursements/org/{item.reference}/approve/")
    item.refresh_from_db()
    assert item.state == "posted" and item.approved_by == approver
    assert client.post(f"/disbursements/org/{item.reference}/nonsense/").status_code == 404


def test_the_ministry_queue_above_the_threshold(client, team, settings):
    settings.JOUD_DISBURSEMENT_MINISTRY_THRESHOLD = Decimal("20")
    initiative, requester, approver = team
    big = posted(initiative, requester, approver, amount=Decimal("25.000"))
    small = posted(initiative, requester, approver, amount=Decimal("5.000"))
    assert (big.state, small.state) == ("ministry", "posted")
    reviewer = UserFactory(is_ministry_reviewer=True)
    login_with_totp(client, reviewer)
    queue = client.get("/disbursements/ministry/?lang=en").content.decode()
    assert big.reference in queue and small.reference not in queue
    detail = client.get(f"/disbursements/ministry/{big.reference}/?lang=en").content.decode()
    # A supplier is named for the ministry; bank details stay with the organization.
    assert big.payee_name in detail and big.bank_account not in detail
    refused = client.post(f"/disbursements/ministry/{big.reference}/", {"decision": "reject"})
    assert refused.status_code == 200  # a reason is due
    client.post(f"/disbursements/ministry/{big.reference}/", {"decision": "approve"})
    big.refresh_from_db()
    assert big.state == "posted" and big.ministry_by == reviewer


def test_paid_then_bounced_through_the_pages(client, team):
    initiative, requester, approver = team
    item = posted(initiative, requester, approver, evidence=False)
    login_with_totp(client, requester)
    client.post(f"/disbursements/org/{item.reference}/paid/")
    item.refresh_from_db()
    assert item.state == "paid"
    page = client.post(
        f"/disbursements/org/{item.reference}/bounced/?lang=en", {"reason": ""}, follow=True
    )
    assert "Give the reason." in page.content.decode()
    item.refresh_from_db()
    assert item.state == "paid"
    client.post(f"/disbursements/org/{item.reference}/bounced/", {"reason": "Account closed"})
    item.refresh_from_db()
    assert item.state == "bounced" and item.reversal_id is not None
