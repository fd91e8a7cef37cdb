"""Reversals a restricted fund cannot cover (joud/ledger/services/reversals.py), as finance
staff and the public see them: the refund form refuses with what is missing, a chargeback is
posted anyway and the rest is shown as owed by the organization, and the initiative's money page
says which part the general fund paid and which part is owed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Refund
from joud.ledger import accounts
from joud.ledger.models import Transaction
from joud.ledger.services import account_balance, ledger_deposit, ledger_disburse, ledger_seal
from joud.ledger.verify import ledger_verify
from tests.donations.factories import (
    deliver,
    event_body,
    general_fund_holds,
    make_donation,
    pay,
)
from tests.factories import MembershipFactory
from tests.fixtures.signin import login_with_totp


@pytest.fixture
def finance_client(client, initiative):
    user = MembershipFactory(organization=initiative.organization, role="finance").user
    return login_with_totp(client, user)


def _spent_gift(initiative):
    """A 10.000 gift (2% share 0.200, sandbox fee 0.150) whose fund then spent all it held."""
    donation, attempt = make_donation(initiative=initiative, amount="10.000")
    pay(attempt)
    fund = accounts.initiative_account(initiative)
    assert account_balance(fund) == Decimal("9.650")
    ledger_disburse(account=fund, amount=Decimal("9.650"), purpose="orphans", reference="D-1")
    return donation, attempt, fund


@pytest.mark.django_db
def test_refund_form_refuses_what_nobody_can_cover_in_the_users_language(
    finance_client, initiative
):
    donation, _, fund = _spent_gift(initiative)
    url = f"/ledger/org/refund/{donation.reference}/"
    arabic = finance_client.post(url, {"amount": "", "reason": "asked"})
    page = arabic.content.decode()
    # 9.650 spent + 0.150 fee, the administration share 0.200 comes back: 9.800 missing.
    assert arabic.status_code == 200
    assert "لا يمكن إجراء هذا الاسترداد" in page and "٩٫٨٠٠" in page
    english = finance_client.post(url + "?lang=en", {"amount": "", "reason": "asked"})
    page = english.content.decode()
    assert english.status_code == 200
    assert "OMR\u00a09.800 is missing" in page
    assert "cannot be refunded from it" in page
    with scopes_disabled():
        assert not Refund.objects.exists()  # the gateway was never asked
        donation.refresh_from_db()
    assert donation.state == "confirmed" and donation.refunded_amount == Decimal("0.000")
    assert not Transaction.objects.filter(kind="refund").exists()
    assert account_balance(fund) == Decimal("0.000")


@pytest.mark.django_db
def test_the_general_fund_makes_the_same_refund_possible(finance_client, initiative):
    donation, _, fund = _spent_gift(initiative)
    general = general_fund_holds(initiative.organization, "10.000")
    response = finance_client.post(
        f"/ledger/org/refund/{donation.reference}/", {"amount": "", "reason": "asked"}
    )
    assert response.status_code == 302
    assert account_balance(fund) == Decimal("0.000")
    assert account_balance(general) == Decimal("0.200")  # gave 9.650 spent and the 0.150 fee
    money = finance_client.get(f"/ledger/initiative/{initiative.public_code}/?lang=en")
    html = money.content.decode()
    assert "Of which paid by the organization" in html and "OMR\u00a09.650" in html


@pytest.mark.django_db
def test_chargeback_is_posted_anyway_and_the_rest_is_owed(finance_client, client, initiative):
    donation, attempt, fund = _spent_gift(initiative)
    general = general_fund_holds(initiative.organization, "2.000")
    body = event_body(attempt, "chargeback.opened", event_id="evt_cb_owed")
    assert deliver(body)[1]["status"] == "chargeback"
    assert deliver(body)[1]["status"] == "duplicate"  # idempotent: posted once
    owed = accounts.owed_account(initiative.organization)
    assert account_balance(fund) == Decimal("0.000")  # never below zero
    assert account_balance(general) == Decimal("0.000")  # gave all it held: fee + 1.850
    assert account_balance(owed) == Decimal("-7.800")  # 9.800 - 2.000
    with scopes_disabled():
        donation.refresh_from_db()
    assert donation.state == "refunded"
    ledger_seal()
    assert ledger_verify().ok

    page = finance_client.get("/ledger/org/?lang=en").content.decode()
    assert 'Owed by the organization: <bdi class="money">OMR\u00a07.800' in page
    arabic = finance_client.get("/ledger/org/?lang=ar").content.decode()
    assert "مستحق على الجهة" in arabic and "٧٫٨٠٠" in arabic

    public = client.get(f"/ledger/initiative/{initiative.public_code}/?lang=en").content.decode()
    assert "Refunded to donors" in public and "OMR\u00a010</bdi>" in public
    assert "OMR\u00a01.850" in public  # paid by the general fund
    assert "Of which owed by the organization" in public and "OMR\u00a07.800" in public

    # The organization settles its debt from its own money; never more than it owes.
    ledger_deposit(account=owed, amount=Decimal("7.800"), reference="DEP-1")
    assert account_balance(owed) == Decimal("0.000")
    assert (
        "Owed by the organization"
        not in finance_client.get("/ledger/org/?lang=en").content.decode()
    )
    with pytest.raises(BusinessError):
        ledger_deposit(account=owed, amount=Decimal("0.001"), reference="DEP-2")
    with pytest.raises(BusinessError) as wrong:
        ledger_deposit(account=fund, amount=Decimal("1.000"), reference="DEP-3")
    assert wrong.value.code == "deposit_target"


@pytest.mark.django_db
def test_finance_staff_pay_into_the_general_fund_and_the_refund_goes_through(
    finance_client, initiative
):
    donation, _, fund = _spent_gift(initiative)
    general = accounts.general_account(initiative.organization)
    page = finance_client.get("/ledger/org/?lang=en").content.decode()
    assert "Pay in from the organization" in page and 'action="/ledger/org/deposit/"' in page
    refused = finance_client.post("/ledger/org/deposit/", {"account": fund.pk, "amount": "5"})
    assert refused.status_code == 302 and account_balance(fund) == Decimal("0.000")  # not offered
    bad = finance_client.post("/ledger/org/deposit/", {"account": general.pk, "amount": "-1"})
    assert bad.status_code == 302 and account_balance(general) == Decimal("0.000")
    paid_in = finance_client.post(
        "/ledger/org/deposit/", {"account": general.pk, "amount": "9.800"}
    )
    assert paid_in.status_code == 302 and account_balance(general) == Decimal("9.800")
    response = finance_client.post(
        f"/ledger/org/refund/{donation.reference}/", {"amount": "", "reason": "asked"}
    )
    assert response.status_code == 302
    assert account_balance(general) == Decimal("0.000")
    assert account_balance(fund) == Decimal("0.000")
