"""Reading the ledger. Totals come from the folded table plus pending deltas: no hot row."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from joud.core.models import AuditLogEntry
from joud.core.money import quantize
from joud.ledger.accounts import CLEARING_CODE, FEES_CODE
from joud.ledger.models import Account, AccountTotal, Entry, RaisedDelta, Transaction
from joud.ledger.months import month_rows

ZERO = Decimal("0.000")


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


def disbursement_purposes(transaction_ids: Iterable[int]) -> dict[int, str]:
    """The purpose each disbursement was posted for, as ``ledger_disburse`` logged it (the
    ledger's entries themselves carry amounts and accounts, not purposes)."""
    rows = AuditLogEntry.objects.filter(
        action="joud.ledger.disbursed",
        object_type="ledger.transaction",
        object_id__in=[str(pk) for pk in transaction_ids],
    ).values_list("object_id", "data")
    return {int(pk): str((data or {}).get("purpose") or "") for pk, data in rows}


def account_balance(account: Account) -> Decimal:
    """Credits minus debits (what a fund holds). Not on a hot path: a plain sum."""
    sums = Entry.objects.filter(account=account).aggregate(d=Sum("debit"), c=Sum("credit"))
    return quantize((sums["c"] or 0) - (sums["d"] or 0))


def initiative_account_id(initiative) -> int | None:
    return Account.objects.filter(initiative_id=initiative.pk).values_list("id", flat=True).first()


def initiative_raised(initiative) -> Decimal:
    """Exactly what donors gave to the initiative (net of refunds), folded or not."""
    return account_raised(initiative_account_id(initiative))[0]


def initiative_totals(initiative, *, exact: bool = False) -> tuple[Decimal, int]:
    """(raised, donations) for display; by default the folded figure (lags ≤ the fold interval)."""
    return account_raised(initiative_account_id(initiative), exact=exact)


FLOW_KEYS = (
    "gross",
    "admin_share",
    "gateway_fee",
    "refunds",
    "disbursed",
    "transfers",
    # Reversals the fund could not cover itself (ledger/services/reversals.py).
    "from_general",
    "owed",
    "balance",
)


def account_flows(account_id: int | None) -> dict:
    """Money in and out of one fund, by kind: what the public "where did it go" page shows."""
    if account_id is None:
        return {k: ZERO for k in FLOW_KEYS}
    return accounts_flows([account_id])[account_id]


def accounts_flows(account_ids: Iterable[int]) -> dict[int, dict]:
    """``account_flows`` of many funds from one grouped read (the daily open data)."""
    ids = list(account_ids)
    flows = {pk: dict.fromkeys(FLOW_KEYS, ZERO) for pk in ids}
    if not ids:
        return flows
    # The monthly rollup and the unsealed tail (ledger.months): a busy fund's page does not sum
    # every entry it ever had.
    for (account_id, _month, kind), m in month_rows(ids).items():
        _add_flow(flows[account_id], kind, m.debit - m.credit)
    return {pk: {k: quantize(v) for k, v in f.items()} for pk, f in flows.items()}


def _add_flow(flows: dict, kind: str, net_out: Decimal) -> None:
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
    elif kind == Entry.Kind.GENERAL_COVER:
        flows["from_general"] -= net_out
    elif kind == Entry.Kind.ORG_OWED:
        flows["owed"] -= net_out
    else:
        flows["transfers"] += net_out
    flows["balance"] -= net_out


def accounts_raised(account_ids: Iterable[int]) -> dict[int, tuple[Decimal, int]]:
    """``account_raised`` (exact) of many accounts: three reads, not three per account."""
    ids = list(account_ids)
    totals = {pk: [Decimal(0), 0] for pk in ids}
    folded = AccountTotal.objects.filter(account_id__in=ids)
    for pk, raised, donations in folded.values_list("account_id", "raised", "donations"):
        totals[pk] = [raised, donations]
    pending = (
        RaisedDelta.objects.filter(account_id__in=ids)
        .values("account_id")
        .annotate(r=Sum("raised"), n=Sum("donations"))
        .order_by()
    )
    for row in pending:
        totals[row["account_id"]][0] += row["r"] or 0
        totals[row["account_id"]][1] += row["n"] or 0
    return {pk: (quantize(r), int(n)) for pk, (r, n) in totals.items()}


def organization_funds(organization) -> list[dict]:
    """Every ledger account of an organization with its balance (credits − debits)."""
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


# --- what the ledger booked through a gateway (reconciliation reads) --------------------------


@dataclass
class BookedPayment:
    """A donation as the ledger booked it: gross through the gateway's clearing, and its fee."""

    reference: str  # the payment attempt reference (the donation transaction's reference)
    amount: Decimal = ZERO
    fee: Decimal = ZERO


def _fold_donations(rows) -> dict[str, BookedPayment]:
    """(reference, account code, entry kind, debit, credit) rows of donation postings."""
    payments: dict[str, BookedPayment] = {}
    for reference, code, kind, debit, credit in rows:
        payment = payments.setdefault(reference, BookedPayment(reference))
        if kind == Entry.Kind.GROSS and code.startswith("platform:clearing:"):
            payment.amount += debit
        elif kind == Entry.Kind.GATEWAY_FEE and code == FEES_CODE:
            payment.fee += credit
    return payments


def _donation_entries(provider: str, **filters):
    txns = Transaction.objects.filter(
        kind=Transaction.Kind.DONATION,
        entries__account__code=CLEARING_CODE.format(provider=provider),
        **filters,
    ).values("pk")
    return Entry.objects.filter(transaction__in=txns).values_list(
        "transaction__reference", "account__code", "kind", "debit", "credit"
    )


def donations_booked_on(provider: str, day: dt.date) -> dict[str, BookedPayment]:
    """Donations booked through ``provider`` on ``day`` (local time), by attempt reference."""
    return _fold_donations(_donation_entries(provider, created_at__date=day))


def donations_booked_for(provider: str, references: Iterable[str]) -> dict[str, BookedPayment]:
    """Donations booked through ``provider`` for these attempt references, whatever the day."""
    references = list(references)
    if not references:
        return {}
    return _fold_donations(_donation_entries(provider, reference__in=references))


def refunds_booked(provider: str, *, day: dt.date | None = None) -> dict[str, Decimal]:
    """Refund transaction reference -> amount paid back through ``provider`` (on ``day``, or
    ever)."""
    entries = Entry.objects.filter(
        transaction__kind=Transaction.Kind.REFUND,
        account__code=CLEARING_CODE.format(provider=provider),
        kind=Entry.Kind.REFUND,
    )
    if day is not None:
        entries = entries.filter(transaction__created_at__date=day)
    by_refund: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for reference, credit in entries.values_list("transaction__reference", "credit"):
        by_refund[reference] += credit
    return dict(by_refund)


def organization_accounts(organization) -> QuerySet[Account]:
    """An organization's ledger accounts (a disbursement names one of them by id)."""
    return Account.objects.filter(organization=organization)
