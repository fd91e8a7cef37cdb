"""Disbursements made the way the pages make them: through the services, out of funds that
received real (sandbox) donations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.disbursements import services
from joud.ledger import accounts
from tests.campaigns.factories import pdf_file
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory, MembershipFactory

IBAN = "OM600180000012345678901"


def funded_initiative(amount: str = "200.000", **kwargs):
    """A live initiative whose fund received one paid gift of ``amount``."""
    initiative = InitiativeFactory(**kwargs)
    _donation, attempt = make_donation(initiative=initiative, amount=amount)
    pay(attempt)
    return initiative


def funded_zakat(organization, amount: str = "100.000"):
    """The organization's zakat fund after one paid zakat gift."""
    _donation, attempt = make_donation(organization=organization, target="zakat", amount=amount)
    pay(attempt)
    return accounts.organization_account(organization, "zakat")


def finance_team(organization) -> tuple:
    """Two finance officers: one asks, the other approves."""
    return (
        MembershipFactory(organization=organization, role="finance").user,
        MembershipFactory(organization=organization, role="finance").user,
    )


def ask(organization, actor, **overrides):
    """A draft payment; by default 10 rials to a supplier out of the initiative's fund."""
    data = {
        "organization": organization,
        "actor": actor,
        "purpose": "food",
        "amount": Decimal("10.000"),
        "payee_kind": "supplier",
        "payee_name": "مؤسسة النور للتجارة",
        "commercial_registration": "1234567",
        "bank_account": IBAN,
        "planned_on": timezone.localdate() + dt.timedelta(days=2),
    }
    data.update(overrides)
    with scopes_disabled():
        return services.disbursement_create(**data)


def posted(initiative, requester, approver, *, evidence=True, **overrides):
    """A payment out of ``initiative``'s fund, submitted and approved (booked in the ledger),
    with a public invoice and a private quotation."""
    org = initiative.organization
    item = ask(org, requester, source=accounts.initiative_account(initiative), **overrides)
    if evidence:
        services.evidence_add(
            disbursement=item,
            actor=requester,
            kind="invoice",
            file=pdf_file("invoice.pdf"),
            is_public=True,
        )
        services.evidence_add(
            disbursement=item,
            actor=requester,
            kind="quotation",
            file=pdf_file("quotation-with-phone.pdf"),
            is_public=False,
        )
    services.disbursement_submit(disbursement=item, actor=requester)
    return services.disbursement_approve(disbursement=item, actor=approver)


def matrix_objects(organization, staff, initiative) -> dict:
    """The access matrix's disbursement objects of one organization: a draft with a private
    quotation, and a booked payment (finance officer asks, administrator approves) with a
    public invoice."""
    draft = ask(organization, staff["finance"], source=accounts.initiative_account(initiative))
    private = services.evidence_add(
        disbursement=draft,
        actor=staff["finance"],
        kind="quotation",
        file=pdf_file("quotation.pdf"),
        is_public=False,
    )
    booked = posted(initiative, staff["finance"], staff["admin"], amount=Decimal("3.000"))
    with scopes_disabled():
        public = booked.evidence.get(is_public=True)
    return {
        "disbursement": draft,
        "disbursement_evidence": private,
        "disbursement_public_evidence": public,
    }
