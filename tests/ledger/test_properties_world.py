"""The world the ledger properties play in (``test_properties.py``): two organizations, their
initiatives (one asking a 5% administration share, above the 2% cap), general, zakat and
endowment funds, a zakat initiative, a verified case, and what the steps draw from; and the
books the steps should have left, with the rule a reversal follows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pytest
from hypothesis import strategies as st

from joud.core.money import quantize
from joud.ledger import accounts
from joud.ledger.services import Purpose
from tests.factories import InitiativeFactory, OrganizationFactory

ZERO = Decimal("0.000")
CAP = Decimal("2.00")
FUND_KINDS = ("general", "zakat", "waqf_principal", "initiative", "case")
PURPOSES = [
    Purpose.POOR_AND_NEEDY,
    Purpose.ORPHANS,
    Purpose.SCHOOL_MEALS,
    Purpose.DEBT_RELIEF,
    Purpose.OPERATIONS,
]

amounts = st.integers(500, 60_000).map(lambda m: quantize(Decimal(m) / 1000))
# Spending: a share (per mille) of what the fund holds; above 1,000 it asks for too much.
shares = st.integers(0, 1_100)
fees = st.sampled_from(["0.000", "0.100", "0.150", "0.250"])


def part(total: Decimal, before: Decimal, amount: Decimal, gift: Decimal) -> Decimal:
    """The share of ``total`` (taken on a whole gift) that goes back with reversing ``amount``
    after ``before`` was already reversed: the parts add up to ``total`` exactly."""
    return quantize(total * (before + amount) / gift) - quantize(total * before / gift)


@dataclass(frozen=True)
class Expected:
    """How a reversal should be covered (the rule in joud/ledger/services/reversals.py)."""

    share_back: Decimal
    fee_moved: Decimal  # the gateway fee on the reversed part, borne by the general fund
    from_general: Decimal  # spent money the general fund gives back
    owed: Decimal  # chargebacks: what the organization owes
    missing: Decimal  # refunds: what nobody covers (refused)


class Books:
    """What the steps should have left in each account, kept beside the ledger."""

    def __init__(self):
        self.balance = defaultdict(lambda: ZERO)  # credits - debits
        self.raised = defaultdict(lambda: ZERO)
        self.count = defaultdict(int)
        self.flows = defaultdict(lambda: defaultdict(lambda: ZERO))

    def reversal(self, *, gift: dict, amount: Decimal, general: int, chargeback: bool):
        """What reversing ``amount`` of ``gift`` should do: the fund gives back what it holds
        (with the administration share that returns); the general fund bears the fee and what
        the fund already spent, as far as it holds; a chargeback owes the rest, a refund is
        refused."""
        donation, fund = gift["donation"], gift["donation"].fund_account_id
        before = donation.amount - gift["left"]
        share_back = part(donation.admin_share_amount, before, amount, donation.amount)
        fee_back = part(gift["fee"], before, amount, donation.amount)
        holds = self.balance[fund] + share_back
        if fund == general:
            fee_moved = from_general = ZERO
            rest = max(amount - holds, ZERO)
        else:
            need = fee_back + max(amount - holds - fee_back, ZERO)
            take = min(need, self.balance[general])
            fee_moved = min(fee_back, take)
            from_general, rest = take - fee_moved, need - take
        owed, missing = (rest, ZERO) if chargeback else (ZERO, rest)
        return Expected(share_back, fee_moved, from_general, owed, missing)

    def reversed(self, *, fund: int, admin: int, general: int, owed_id: int, amount, cover):
        """Apply a posted reversal of ``amount`` covered as ``cover`` (an ``Expected``)."""
        self.balance[fund] += (
            cover.share_back + cover.fee_moved + cover.from_general + cover.owed - amount
        )
        self.balance[admin] -= cover.share_back
        self.balance[general] -= cover.fee_moved + cover.from_general
        self.balance[owed_id] -= cover.owed
        self.raised[fund] -= amount
        flows = self.flows[fund]
        flows["refunds"] += amount
        flows["admin_share"] -= cover.share_back
        flows["gateway_fee"] -= cover.fee_moved
        flows["from_general"] += cover.from_general
        flows["owed"] += cover.owed


@pytest.fixture
def world(db, public_case):  # public_case: tests/donations/test_case_giving.py
    org_a, org_b = OrganizationFactory(), OrganizationFactory()
    i1 = InitiativeFactory(organization=org_a, admin_share_percent=Decimal("5.00"))  # capped
    i2 = InitiativeFactory(organization=org_a, admin_share_percent=Decimal("0.00"))
    i3 = InitiativeFactory(organization=org_b, admin_share_percent=Decimal("1.50"))
    zakat_i = InitiativeFactory(organization=org_a, category="zakat")
    funds = {
        "i1": accounts.initiative_account(i1).pk,
        "i2": accounts.initiative_account(i2).pk,
        "i3": accounts.initiative_account(i3).pk,
        "zakat_i": accounts.initiative_account(zakat_i).pk,
        "general": accounts.organization_account(org_a, "general").pk,
        "zakat": accounts.organization_account(org_a, "zakat").pk,
        "waqf": accounts.organization_account(org_a, "waqf_principal").pk,
        "case": accounts.case_account(public_case).pk,
        "admin_a": accounts.organization_account(org_a, "admin").pk,
        "admin_b": accounts.organization_account(org_b, "admin").pk,
        "admin_c": accounts.organization_account(public_case.organization, "admin").pk,
    }
    return {
        "org_a": org_a,
        "i1": i1,
        "i2": i2,
        "i3": i3,
        "case": public_case,
        "funds": funds,
    }
