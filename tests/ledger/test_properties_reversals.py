"""What the ledger properties found about reversals, and the rule that fixed it.

A refund or chargeback takes the whole refunded amount out of the gift's fund, but the fund only
ever received the gift less the administration share (which comes back) and the gateway fee
(which gateways keep); and the fund may have spent it. Reversing the only gift of a restricted
fund left the fund owing the fee (-0.150), reversing a spent gift left it owing what was spent
(-9.800). The rule now (``joud/ledger/services/reversals.py``): the fee and the spent part are
borne by the organization's general fund; a refund it cannot cover is refused; a chargeback is
posted anyway, the rest owed by the organization. No restricted fund goes below zero.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.errors import BusinessError
from joud.donations.models import Refund
from joud.donations.services import donation_refund
from joud.ledger.models import Account, Transaction
from joud.ledger.selectors import account_balance
from joud.ledger.services import ledger_disburse
from joud.payments.models import SandboxCharge
from tests.donations.factories import deliver, event_body, general_fund_holds, make_donation


def _confirmed(donation, attempt, fee: str):
    SandboxCharge.objects.filter(reference=attempt.reference).update(
        status=SandboxCharge.Status.SUCCEEDED
    )
    assert deliver(event_body(attempt, fee=fee))[1]["status"] == "confirm"
    return donation


def _paid_gift(initiative, fee: str):
    return _confirmed(*make_donation(initiative=initiative, amount="10.000"), fee=fee)


def _general_holds(organization, amount: str) -> Account:
    general = general_fund_holds(organization, amount)
    assert account_balance(general) == Decimal(amount)
    return general


@pytest.mark.django_db
def test_refunding_the_only_gift_leaves_the_restricted_fund_at_zero(initiative):
    general = _general_holds(initiative.organization, "1.000")
    donation = _paid_gift(initiative, fee="0.150")
    donation_refund(donation=donation)
    fund = Account.objects.get(pk=donation.fund_account_id)
    assert fund.restriction == Account.Restriction.INITIATIVE
    assert account_balance(fund) == Decimal("0.000")  # it was -0.150
    assert account_balance(general) == Decimal("0.850")  # the fee is the general fund's expense


@pytest.mark.django_db
def test_refunding_a_spent_gift_does_not_overdraw_the_restricted_fund(initiative):
    general = _general_holds(initiative.organization, "20.000")
    donation = _paid_gift(initiative, fee="0.000")
    fund = Account.objects.get(pk=donation.fund_account_id)
    ledger_disburse(account=fund, amount=Decimal("9.800"), purpose="orphans", reference="D-1")
    donation_refund(donation=donation)
    assert account_balance(fund) == Decimal("0.000")  # it was -9.800
    assert account_balance(general) == Decimal("10.200")  # gave back the 9.800 spent


@pytest.mark.django_db
def test_a_refund_nobody_can_cover_is_refused_and_nothing_is_posted(initiative):
    donation = _paid_gift(initiative, fee="0.150")  # the general fund holds nothing
    fund = Account.objects.get(pk=donation.fund_account_id)
    with pytest.raises(BusinessError) as refused:
        donation_refund(donation=donation)
    assert refused.value.code == "uncovered"
    assert "0.150" in str(refused.value) or "٠٫١٥٠" in str(refused.value)  # the fee is missing
    assert not Refund.unscoped.exists()  # the gateway was never asked
    assert not Transaction.objects.filter(kind="refund").exists()
    assert account_balance(fund) == Decimal("9.650")
