"""Endowments: gifts join the principal through the normal giving flow, the principal is never
spent, returns are booked into the waqf's returns account and pay only the deed's purposes, and
the public page shows exactly what the ledger holds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.disbursements import services as disbursements
from joud.donations.models import PaymentAttempt
from joud.donations.services import payment_attempt_start
from joud.endowments import selectors
from joud.endowments.models import WaqfShare
from joud.endowments.services import waqf_create, waqf_return_record, waqf_share_create
from joud.ledger.models import Entry
from joud.ledger.selectors import account_balance
from joud.ledger.services import ledger_transfer
from tests.disbursements.factories import IBAN, finance_team
from tests.donations.factories import pay
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def institution():
    return OrganizationFactory(kind="waqf", name_ar="مؤسسة وقف الخير", name_en="Waqf al-Khair")


@pytest.fixture
def waqf(institution):
    admin = MembershipFactory(organization=institution, role="admin").user
    return waqf_create(
        organization=institution,
        actor=admin,
        name_ar="وقف سقيا الماء",
        name_en="Water endowment",
        purpose_ar="توفير الماء للأسر المحتاجة",
        purpose_en="Water for families in need",
        deed_ar="أوقفتُ هذا المال لله تعالى، يُنفق ريعه على سقيا الماء.",
        deed_en="This property is endowed for God; its returns provide water.",
        purposes=["food", "construction"],
    )


def _give(waqf, amount: str, donor=None):
    with scopes_disabled():
        share = waqf_share_create(
            waqf=waqf, amount=Decimal(amount), donor=donor, donor_phone="+96891234567"
        )
        attempt, _url = payment_attempt_start(donation=share.donation, return_url="/")
        pay(PaymentAttempt.unscoped.get(pk=attempt.pk))
    return share


def _pay_out(waqf, source, purpose: str, amount: str):
    requester, approver = finance_team(waqf.organization)
    with scopes_disabled():
        item = disbursements.disbursement_create(
            organization=waqf.organization,
            actor=requester,
            source=source,
            purpose=purpose,
            amount=Decimal(amount),
            payee_kind="supplier",
            payee_name="شركة المياه",
            commercial_registration="1234567",
            bank_account=IBAN,
            planned_on=timezone.localdate() + dt.timedelta(days=2),
        )
        disbursements.disbursement_submit(disbursement=item, actor=requester)
        return disbursements.disbursement_approve(disbursement=item, actor=approver)


def test_only_a_licensed_waqf_institution_creates_a_waqf():
    association = OrganizationFactory(kind="association")
    with pytest.raises(BusinessError) as refused:
        waqf_create(
            organization=association,
            actor=None,
            name_ar="وقف",
            purpose_ar="غرض",
            deed_ar="صك",
            purposes=["food"],
        )
    assert refused.value.code == "not_waqf_institution"


def test_a_gift_joins_the_principal_and_is_certified(waqf):
    donor = UserFactory()
    share = _give(waqf, "50.000", donor=donor)
    share.donation.refresh_from_db()
    assert share.donation.state == "confirmed" and share.donation.target == "waqf"
    assert share.donation.fund_account_id == waqf.principal_account_id
    assert share.code.startswith("WQ-")
    assert selectors.share_by_code(share.code.lower()) == share
    assert list(selectors.donor_shares(donor)) == [share]
    figures = selectors.waqf_figures(waqf)
    assert figures.principal == account_balance(waqf.principal_account) > 0
    assert figures.shares == 1


def test_the_principal_is_never_spent(waqf):
    _give(waqf, "100.000")
    requester, _approver = finance_team(waqf.organization)
    with scopes_disabled(), pytest.raises(BusinessError) as refused:
        disbursements.disbursement_create(
            organization=waqf.organization,
            actor=requester,
            source=waqf.principal_account,
            purpose="food",
            amount=Decimal("10.000"),
            payee_kind="supplier",
            payee_name="شركة",
            commercial_registration="1234567",
            bank_account=IBAN,
            planned_on=timezone.localdate() + dt.timedelta(days=2),
        )
    assert refused.value.code == "waqf_principal"
    with pytest.raises(BusinessError):
        ledger_transfer(
            source=waqf.principal_account,
            destination=waqf.income_account,
            amount=Decimal("1.000"),
            reference="T-1",
        )


def test_returns_pay_only_the_deeds_purposes(waqf):
    actor = MembershipFactory(organization=waqf.organization, role="admin").user
    waqf_return_record(
        waqf=waqf,
        actor=actor,
        kind="rent",
        amount=Decimal("40.000"),
        received_on=timezone.localdate(),
    )
    assert account_balance(waqf.income_account) == Decimal("40.000")
    assert account_balance(waqf.principal_account) == Decimal("0.000")  # not into the principal
    with pytest.raises(BusinessError) as refused:
        _pay_out(waqf, waqf.income_account, "orphans", "10.000")  # not a purpose of the deed
    assert refused.value.code == "waqf_purpose"
    with pytest.raises(BusinessError) as moved:
        ledger_transfer(
            source=waqf.income_account,
            destination=waqf.principal_account,
            amount=Decimal("1.000"),
            reference="T-2",
        )
    assert moved.value.code == "waqf_income"
    item = _pay_out(waqf, waqf.income_account, "food", "15.000")
    assert item.state in ("posted", "ministry")


@pytest.mark.parametrize(
    ("kind", "amount", "when", "code"),
    [
        ("salary", "10", 0, "kind"),
        ("rent", "0", 0, "amount"),
        ("rent", "1e20", 0, "amount"),
        ("rent", "10", 3, "date"),
    ],
)
def test_a_bad_return_is_refused(waqf, kind, amount, when, code):
    actor = MembershipFactory(organization=waqf.organization, role="finance").user
    with pytest.raises(BusinessError) as refused:
        waqf_return_record(
            waqf=waqf,
            actor=actor,
            kind=kind,
            amount=Decimal(amount),
            received_on=timezone.localdate() + dt.timedelta(days=when),
        )
    assert refused.value.code == code


def test_public_figures_equal_the_ledger(waqf, client):
    _give(waqf, "100.000")
    _give(waqf, "25.500")
    actor = MembershipFactory(organization=waqf.organization, role="admin").user
    today = timezone.localdate()
    waqf_return_record(
        waqf=waqf, actor=actor, kind="rent", amount=Decimal("40.000"), received_on=today
    )
    waqf_return_record(
        waqf=waqf, actor=actor, kind="investment", amount=Decimal("12.250"), received_on=today
    )
    item = _pay_out(waqf, waqf.income_account, "food", "15.000")
    figures = selectors.waqf_figures(waqf)
    entries = Entry.objects.filter(account_id=waqf.principal_account_id).aggregate(
        c=Sum("credit"), d=Sum("debit")
    )
    assert figures.principal == entries["c"] - entries["d"]
    assert figures.returns_by_year == [(to_hijri(today)[0], Decimal("52.250"))]
    posted = item.state == "posted"
    paid = Decimal("15.000") if posted else Decimal("0.000")
    assert figures.paid_total == paid
    assert figures.returns_held == account_balance(waqf.income_account) == Decimal("52.250") - paid
    page = client.get(f"/waqf/{waqf.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "وقف سقيا الماء" in html and 'data-figure="principal"' in html
    with scopes_disabled():
        assert WaqfShare.objects.filter(waqf=waqf).count() == 2


def test_giving_through_the_page_goes_to_the_gateway(waqf, client):
    response = client.post(
        f"/waqf/{waqf.slug}/", {"preset": "", "custom_amount": "٢٠", "donor_name": "سالم"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/pay/sandbox/")
    with scopes_disabled():
        share = WaqfShare.objects.get(waqf=waqf)
    assert share.donation.amount == Decimal("20.000")
    bad = client.post(f"/waqf/{waqf.slug}/", {"custom_amount": "1e999", "donor_name": "x\x00"})
    assert bad.status_code == 400


def test_the_certificate_is_a_pdf_in_both_languages_and_verifies(waqf, client):
    share = _give(waqf, "30.000")
    token = share.donation.access_token
    for lang in ("ar", "en"):
        pdf = client.get(f"/receipts/waqf/{share.code}/pdf/?t={token}&lang={lang}")
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
    assert client.get(f"/receipts/waqf/{share.code}/pdf/").status_code == 404  # not the donor's
    assert client.get(f"/receipts/waqf/{share.code}/").status_code == 200
    assert client.get("/receipts/waqf/WQ-NOTREAL000/").status_code == 404


def test_only_the_institutions_finance_team_records_returns(waqf, client):
    outsider = MembershipFactory(role="finance").user  # of another organization
    with pytest.raises(BusinessError):
        waqf_return_record(
            waqf=waqf,
            actor=outsider,
            kind="rent",
            amount=Decimal("5.000"),
            received_on=timezone.localdate(),
        )
    login_with_totp(client, outsider)
    assert client.get(f"/waqf/{waqf.slug}/returns/").status_code == 403
    finance = MembershipFactory(organization=waqf.organization, role="finance").user
    login_with_totp(client, finance)
    data = {"kind": "rent", "amount": "12.5", "received_on": timezone.localdate().isoformat()}
    response = client.post(f"/waqf/{waqf.slug}/returns/", data)
    assert response.status_code == 302
    assert account_balance(waqf.income_account) == Decimal("12.500")
    for bad in ({**data, "amount": "1e999"}, {**data, "description": "x\x00y"}):
        assert client.post(f"/waqf/{waqf.slug}/returns/", bad).status_code == 400
    assert account_balance(waqf.income_account) == Decimal("12.500")
