"""Two organizations side by side, each with a known and an anonymous gift, a payment out, a
case and a volunteer's approved hours, made through the factories and services."""

from __future__ import annotations

from dataclasses import dataclass

from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from tests.beneficiaries.factories import make_case
from tests.disbursements.factories import ask, finance_team
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory
from tests.fixtures.environment import ensure_geo
from tests.volunteering.factories import ApplicationFactory, OpportunityFactory, ShiftFactory


@dataclass
class Side:
    org: object
    known: object  # a confirmed gift of a donor who agreed to be known
    anonymous: object
    disbursement: object
    case: object
    signup: object


def build_side(name: str) -> Side:
    ensure_geo()
    org = OrganizationFactory(name_ar=f"جمعية {name}", slug=f"assoc-{name}")
    initiative = InitiativeFactory(organization=org)
    known, attempt = make_donation(
        initiative=initiative, amount="12.500", donor_name=f"متبرع {name}"
    )
    pay(attempt)
    anonymous, attempt = make_donation(
        initiative=initiative, amount="3.000", donor_name="سري", is_anonymous=True
    )
    pay(attempt)
    requester, _approver = finance_team(org)
    disbursement = ask(org, requester, source=accounts.initiative_account(initiative))
    worker = MembershipFactory(organization=org, role="caseworker").user
    with scopes_disabled():
        case = make_case(org, worker)
        shift = ShiftFactory(opportunity=OpportunityFactory(organization=org))
        signup = ApplicationFactory(
            shift=shift, hours_status="approved", minutes=180, approved_minutes=150
        )
        known.refresh_from_db()
    return Side(org, known, anonymous, disbursement, case, signup)
