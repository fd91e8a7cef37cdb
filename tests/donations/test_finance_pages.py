"""Money pages: public money in/out per initiative; finance staff refund and disburse."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from joud.ledger.models import Transaction
from joud.ledger.services import account_balance
from tests.donations.factories import general_fund_holds, make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory
from tests.fixtures.signin import login_with_totp


@pytest.fixture
def finance_client(client, initiative):
    user = MembershipFactory(organization=initiative.organization, role="finance").user
    return login_with_totp(client, user)


def _paid(initiative, amount):
    donation, attempt = make_donation(initiative=initiative, amount=amount)
    pay(attempt)
    return donation


@pytest.mark.django_db
def test_public_money_page_shows_the_ledger_figures(client, initiative):
    _paid(initiative, "100.000")
    response = client.get(f"/ledger/initiative/{initiative.public_code}/?lang=en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "100.000" in html  # given
    assert "OMR\u00a02</bdi>" in html  # admin share 2% (whole rials: no baisa shown)
    assert "OMR\u00a01.500" in html  # sandbox fee 1.5%
    assert "OMR\u00a096.500" in html  # held now


@pytest.mark.django_db
def test_finance_officer_refunds_part_of_a_donation(finance_client, initiative):
    donation = _paid(initiative, "30.000")
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    page = finance_client.get("/ledger/org/")
    assert page.status_code == 200 and donation.reference in page.content.decode()
    response = finance_client.post(
        f"/ledger/org/refund/{donation.reference}/", {"amount": "10", "reason": "asked"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        donation.refresh_from_db()
    assert donation.refunded_amount == Decimal("10.000")
    assert Transaction.objects.filter(kind="refund").count() == 1


@pytest.mark.django_db
def test_other_organization_cannot_see_or_refund(client, initiative):
    other = InitiativeFactory()
    stranger = MembershipFactory(organization=other.organization, role="finance").user
    login_with_totp(client, stranger)
    donation = _paid(initiative, "5.000")
    assert donation.reference not in client.get("/ledger/org/").content.decode()
    assert client.get(f"/ledger/org/refund/{donation.reference}/").status_code == 404


@pytest.mark.django_db
def test_the_finance_page_cannot_pay_out_in_one_step(finance_client, initiative):
    """Money leaves a fund only through a disbursement request that a second person approves:
    the finance page's old one-step payout is gone (a POST is refused, nothing is posted)."""
    zakat = accounts.organization_account(initiative.organization, "zakat")
    make = make_donation(organization=initiative.organization, target="zakat", amount="50")
    pay(make[1])
    page = finance_client.get("/ledger/org/").content.decode()
    assert 'name="purpose"' not in page
    assert "/disbursements/org/" in page
    response = finance_client.post(
        "/ledger/org/", {"account": zakat.pk, "amount": "10", "purpose": "poor_and_needy"}
    )
    assert response.status_code == 405
    assert account_balance(zakat) == Decimal("49.250")
    assert not Transaction.objects.filter(kind="disbursement").exists()
