"""Restricted money reaches only its allowed purposes, refused before anyone approves it: zakat
to zakat-eligible purposes, an initiative's money to that initiative, an endowment's principal
never."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.errors import BusinessError
from joud.disbursements import services
from joud.disbursements.models import Disbursement
from joud.ledger import accounts
from joud.ledger.models import Transaction
from joud.ledger.services import account_balance
from tests.disbursements.factories import ask, finance_team, funded_initiative, funded_zakat
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_zakat_cannot_pay_a_purpose_that_is_not_zakat_eligible():
    initiative = funded_initiative()
    org = initiative.organization
    requester, approver = finance_team(org)
    zakat = funded_zakat(org)
    with pytest.raises(BusinessError) as refused:
        ask(org, requester, source=zakat, purpose="construction")
    assert refused.value.code == "zakat_ring_fenced"
    assert not Disbursement.unscoped.exists()
    # A zakat-eligible purpose goes through, and the ledger books it.
    item = ask(org, requester, source=zakat, purpose="food")
    services.disbursement_submit(disbursement=item, actor=requester)
    services.disbursement_approve(disbursement=item, actor=approver)
    assert account_balance(zakat) == Decimal("100.000") - Decimal("1.500") - Decimal("10.000")


def test_running_costs_from_zakat_are_refused():
    org = funded_initiative().organization
    requester, _approver = finance_team(org)
    with pytest.raises(BusinessError) as refused:
        ask(
            org,
            requester,
            source=funded_zakat(org),
            purpose="operations",
            payee_kind="own_account",
            commercial_registration="",
        )
    assert refused.value.code == "zakat_ring_fenced"


def test_an_initiatives_money_is_only_for_that_initiative():
    initiative = funded_initiative()
    org = initiative.organization
    other = InitiativeFactory(organization=org)
    requester, _approver = finance_team(org)
    fund = accounts.initiative_account(initiative)
    with pytest.raises(BusinessError) as refused:
        ask(org, requester, source=fund, initiative=other)
    assert refused.value.code == "initiative_restricted"
    item = ask(org, requester, source=fund)  # for its own initiative (filled in by itself)
    assert item.initiative_id == initiative.pk


def test_an_endowments_principal_is_never_paid_out():
    org = funded_initiative().organization
    requester, _approver = finance_team(org)
    principal = accounts.organization_account(org, "waqf_principal")
    with pytest.raises(BusinessError) as refused:
        ask(org, requester, source=principal, purpose="food")
    assert refused.value.code == "waqf_principal"
    assert not Transaction.objects.filter(kind="disbursement").exists()


def test_a_restriction_is_checked_again_when_submitted_and_approved():
    """Even a request that slipped in (here written straight to the table) is refused before
    any approval, and nothing reaches the ledger."""
    initiative = funded_initiative()
    org = initiative.organization
    requester, approver = finance_team(org)
    item = ask(org, requester, source=accounts.initiative_account(initiative))
    Disbursement.unscoped.filter(pk=item.pk).update(
        source=accounts.organization_account(org, "waqf_principal")
    )
    item.refresh_from_db()
    with pytest.raises(BusinessError):
        services.disbursement_submit(disbursement=item, actor=requester)
    Disbursement.unscoped.filter(pk=item.pk).update(state="submitted")
    item.refresh_from_db()
    with pytest.raises(BusinessError):
        services.disbursement_approve(disbursement=item, actor=approver)
    item.refresh_from_db()
    assert item.state == "submitted"
    assert not Transaction.objects.filter(kind="disbursement").exists()
