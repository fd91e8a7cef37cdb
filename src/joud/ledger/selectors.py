"""Reading the ledger. Totals come from the folded table plus pending deltas: no hot row."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from joud.core.money import quantize
from joud.ledger.models import Account, AccountTotal, RaisedDelta


def account_raised(account_id: int | None, *, exact: bool = True) -> tuple[Decimal, int]:
    """(raised, donations) for an account. ``exact=False`` reads only the folded total (it lags
    the ledger by at most the fold interval) and costs one primary-key lookup."""
    if account_id is None:
        return Decimal("0.000"), 0
    folded = AccountTotal.objects.filter(account_id=account_id).values_list("raised", "donations")
    raised, donations = folded.first() or (Decimal(0), 0)
    if exact:
        pending = RaisedDelta.objects.filter(account_id=account_id).aggregate(
            r=Sum("raised"), n=Sum("donations")
        )
        raised += pending["r"] or 0
        donations += pending["n"] or 0
    return quantize(raised), int(donations)


def initiative_account_id(initiative) -> int | None:
    return Account.objects.filter(initiative_id=initiative.pk).values_list("id", flat=True).first()


def initiative_raised(initiative) -> Decimal:
    """Exactly what donors gave to the initiative (net of refunds), folded or not."""
    return account_raised(initiative_account_id(initiative))[0]


def initiative_totals(initiative, *, exact: bool = False) -> tuple[Decimal, int]:
    """(raised, donations) for display; by default the folded figure (lags ≤ the fold interval)."""
    return account_raised(initiative_account_id(initiative), exact=exact)
