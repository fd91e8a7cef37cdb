"""What the money pages read: an initiative by its public code, an organization's funds apart from
what it owes. The figures themselves are ``joud.transparency.public_money.statement``'s."""

from __future__ import annotations

from decimal import Decimal

from joud.campaigns.models import Initiative
from joud.campaigns.selectors import initiative_is_public
from joud.core.tenancy import scopes_disabled


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


def owed_apart(funds: list[dict]) -> tuple[list[dict], Decimal]:
    """An organization's funds (``ledger.organization_funds``) without its "owed" receivable,
    and what it owes: chargebacks its general fund could not cover (never a fund to spend)."""
    owed = sum((-f["balance"] for f in funds if f["account"].kind == "owed"), Decimal("0.000"))
    return [f for f in funds if f["account"].kind != "owed"], owed
