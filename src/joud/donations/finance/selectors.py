"""What the money pages read: an initiative by its public code, its money in and out, and an
organization's recent donations."""

from __future__ import annotations

from django.db.models import QuerySet

from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.ledger import selectors as ledger


def initiative_by_code(code: str) -> Initiative | None:
    """Any organization's initiative by its public code (the money page is public)."""
    with scopes_disabled():
        return (
            Initiative.objects.select_related("organization")
            .filter(public_code=code.upper())
            .first()
        )


def initiative_money(initiative: Initiative) -> dict:
    """The figures of the public "where the money went" page, straight from the ledger."""
    account_id = ledger.initiative_account_id(initiative)
    raised, donations = ledger.account_raised(account_id)
    return {"flows": ledger.account_flows(account_id), "raised": raised, "donations": donations}


def recent_donations(limit: int = 50) -> QuerySet[Donation]:
    """The newest donations of the organization in scope (the finance page's refund list)."""
    return Donation.objects.select_related("initiative").order_by("-created_at")[:limit]
