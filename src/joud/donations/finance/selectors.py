"""What the money pages read: an initiative by its public code, its money in and out."""

from __future__ import annotations

from decimal import Decimal

from joud.campaigns.models import Initiative
from joud.campaigns.selectors import initiative_is_public
from joud.core.tenancy import scopes_disabled
from joud.ledger import selectors as ledger


def initiative_by_code(code: str) -> Initiative | None:
    """A published initiative of any organization by its public code (the money page is
    public); None for an unknown or unpublished one, as on the initiative's own page."""
    with scopes_disabled():
        item = (
            Initiative.objects.select_related("organization")
            .filter(public_code=code.upper())
            .first()
        )
    return item if item is not None and initiative_is_public(item) else None


def initiative_money(initiative: Initiative) -> dict:
    """The figures of the public "where the money went" page, straight from the ledger."""
    account_id = ledger.initiative_account_id(initiative)
    raised, donations = ledger.account_raised(account_id)
    return {"flows": ledger.account_flows(account_id), "raised": raised, "donations": donations}


def owed_apart(funds: list[dict]) -> tuple[list[dict], Decimal]:
    """An organization's funds (``ledger.organization_funds``) without its "owed" receivable,
    and what it owes: chargebacks its general fund could not cover (never a fund to spend)."""
    owed = sum((-f["balance"] for f in funds if f["account"].kind == "owed"), Decimal("0.000"))
    return [f for f in funds if f["account"].kind != "owed"], owed
