"""The world the ledger properties play in (``test_properties.py``): two organizations, their
initiatives (one asking a 5% administration share, above the 2% cap), general, zakat and
endowment funds, a zakat initiative, a verified case, and what the steps draw from."""

from __future__ import annotations

from collections import defaultdict
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


class Books:
    """What the steps should have left in each account, kept beside the ledger."""

    def __init__(self):
        self.balance = defaultdict(lambda: ZERO)  # credits - debits
        self.raised = defaultdict(lambda: ZERO)
        self.count = defaultdict(int)
        self.flows = defaultdict(lambda: defaultdict(lambda: ZERO))


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
