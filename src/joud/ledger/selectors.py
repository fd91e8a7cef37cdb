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


def account_flows(account_id: int | None) -> dict:
    """Money in and out of one fund, by kind: what the public "where did it go" page shows."""
    from joud.ledger.models import Entry

    flows = {
        "gross": Decimal("0.000"),
        "admin_share": Decimal("0.000"),
        "gateway_fee": Decimal("0.000"),
        "refunds": Decimal("0.000"),
        "disbursed": Decimal("0.000"),
        "transfers": Decimal("0.000"),
        "balance": Decimal("0.000"),
    }
    if account_id is None:
        return flows
    rows = (
        Entry.objects.filter(account_id=account_id)
        .values("kind")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by()
    )
    for row in rows:
        net_out = (row["d"] or 0) - (row["c"] or 0)
        kind = row["kind"]
        if kind == Entry.Kind.GROSS:
            flows["gross"] += -net_out
        elif kind == Entry.Kind.ADMIN_SHARE:
            flows["admin_share"] += net_out
        elif kind == Entry.Kind.GATEWAY_FEE:
            flows["gateway_fee"] += net_out
        elif kind in (Entry.Kind.REFUND, Entry.Kind.CHARGEBACK):
            flows["refunds"] += net_out
        elif kind == Entry.Kind.DISBURSEMENT:
            flows["disbursed"] += net_out
        else:
            flows["transfers"] += net_out
        flows["balance"] -= net_out
    return {k: quantize(v) for k, v in flows.items()}


def organization_funds(organization) -> list[dict]:
    """Every ledger account of an organization with its balance (credits − debits)."""
    from joud.ledger.models import Entry

    accounts_ = list(Account.objects.filter(organization=organization).order_by("kind", "code"))
    sums = {
        row["account_id"]: (row["c"] or 0) - (row["d"] or 0)
        for row in Entry.objects.filter(account__in=accounts_)
        .values("account_id")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by()
    }
    return [
        {"account": a, "balance": quantize(sums.get(a.pk, 0))}
        for a in accounts_
        if a.kind != "bank"
    ]
