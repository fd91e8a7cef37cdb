"""Reversals: a refund the organization makes, a chargeback the card holder's bank makes.

The rule (what a charity regulator accepts; issue 17 item 5, "restricted funds never go
negative"):

1. The donor gets the reversed amount back through the gateway (clearing is credited with it).
   The administration share taken on the reversed part comes back into the gift's fund, as
   before.
2. The gateway keeps its fee. The fee on the reversed part is an expense of the organization's
   **general fund**, not of the restricted fund the gift was for: it moves from the restricted
   fund to the general fund (``gateway_fee`` lines).
3. A restricted fund (initiative, verified case, zakat, endowment) gives back at most what it
   holds. Money it already spent on its purpose is not taken back from it: the part it cannot
   cover is given by the organization's general fund (``general_cover`` lines) — never by
   another restricted fund, never by an endowment's principal.
4. If the general fund cannot cover the fee and the shortfall:
   - a **refund** (a choice of the organization's staff) is **refused** before the gateway is
     asked, with the amount missing, and nothing is posted;
   - a **chargeback** is not a choice (the bank has already taken the money): it is posted
     anyway; the general fund gives what it holds, and the rest is booked as **owed by the
     organization** (``org_owed`` lines on the organization's ``owed`` receivable account, which
     finance staff see on the finance page). A refund whose gateway payout was made while the
     funds changed under it is posted the same way: the money has left.
5. A gift to the general fund itself is covered by the general fund alone (rule 4 applies to
   what it cannot cover).

So no restricted fund and no general fund ever goes below zero; every reversal balances; the
restricted fund's public page shows the refund in full and, apart, what the general fund (or the
organization's debt) covered.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from joud.core.errors import BusinessError
from joud.core.money import format_money, quantize
from joud.ledger import accounts
from joud.ledger.models import Account, Entry, RaisedDelta, Transaction
from joud.ledger.services.posting import ZERO, Line, post_lines


@dataclass(frozen=True)
class Cover:
    """Who bears a reversal beyond the gift's own fund."""

    fee_moved: Decimal = ZERO  # the gateway fee, moved to the general fund
    from_general: Decimal = ZERO  # spent money the general fund gives back for the fund
    owed: Decimal = ZERO  # what the organization owes (chargebacks, and paid-out refunds)
    missing: Decimal = ZERO  # what nobody covered: the refund is refused


def _held(account_id: int) -> Decimal:
    sums = Entry.objects.filter(account_id=account_id).aggregate(
        d=Sum("debit", default=ZERO), c=Sum("credit", default=ZERO)
    )
    return quantize(sums["c"] - sums["d"])


def _lock(*account_ids: int) -> dict[int, Account]:
    """Lock the accounts a reversal reads (in id order: no deadlock with another reversal)."""
    rows = Account.objects.select_for_update().filter(pk__in=set(account_ids)).order_by("pk")
    return {a.pk: a for a in rows}


def reversal_cover(
    *,
    fund: Account,
    general: Account,
    amount: Decimal,
    admin_share_back: Decimal,
    fee_back: Decimal,
    may_owe: bool,
) -> Cover:
    """How a reversal of ``amount`` out of ``fund`` is covered (see the module's rule)."""
    holds = _held(fund.pk) + admin_share_back
    if fund.restriction == Account.Restriction.NONE or fund.pk == general.pk:
        rest = max(amount - holds, ZERO)
        return Cover(owed=rest) if may_owe else Cover(missing=rest)
    need = fee_back + max(amount - holds - fee_back, ZERO)
    take = min(need, max(_held(general.pk), ZERO))
    fee_moved = min(fee_back, take)
    rest = need - take
    cover = Cover(fee_moved=fee_moved, from_general=take - fee_moved)
    if may_owe:
        return Cover(cover.fee_moved, cover.from_general, owed=rest)
    return Cover(cover.fee_moved, cover.from_general, missing=rest)


def uncovered_error(missing: Decimal) -> BusinessError:
    return BusinessError(
        _(
            "This refund cannot be made: %(missing)s is missing. Money already spent from a "
            "restricted fund cannot be refunded from it, and the organization's general fund "
            "does not hold enough to cover the rest (it also pays the gateway fee of a refund)."
        )
        % {"missing": format_money(missing)},
        code="uncovered",
    )


def ledger_check_reversal(
    *,
    organization_id: int,
    fund_account_id: int,
    amount: Decimal,
    admin_share_back: Decimal,
    fee_back: Decimal,
) -> Cover:
    """Refuse (``BusinessError`` code ``uncovered``) a refund nobody could cover; else its cover.

    Called before the gateway is asked to pay anything back."""
    general = accounts.general_account(organization_id)
    locked = _lock(fund_account_id, general.pk)
    cover = reversal_cover(
        fund=locked[fund_account_id],
        general=locked[general.pk],
        amount=amount,
        admin_share_back=admin_share_back,
        fee_back=fee_back,
        may_owe=False,
    )
    if cover.missing > 0:
        raise uncovered_error(cover.missing)
    return cover


def ledger_post_reversal(
    *,
    kind: str,
    organization_id: int,
    reference: str,
    provider: str,
    fund_account_id: int,
    amount: Decimal,
    admin_share_back: Decimal,
    closes_donation: bool,
    fee_back: Decimal = ZERO,
    may_owe: bool = False,
) -> Transaction:
    """Post a refund or chargeback by the module's rule. Without ``may_owe`` a reversal nobody
    could cover is refused (``BusinessError``, nothing posted); with it, the rest is owed."""
    entry_kind = Entry.Kind.REFUND if kind == Transaction.Kind.REFUND else Entry.Kind.CHARGEBACK
    general = accounts.general_account(organization_id)
    locked = _lock(fund_account_id, general.pk)
    cover = reversal_cover(
        fund=locked[fund_account_id],
        general=locked[general.pk],
        amount=amount,
        admin_share_back=admin_share_back,
        fee_back=fee_back,
        may_owe=may_owe,
    )
    if cover.missing > 0:
        raise uncovered_error(cover.missing)
    lines = [
        Line(fund_account_id, entry_kind, debit=amount),
        Line(accounts.clearing_account(provider).pk, entry_kind, credit=amount),
    ]
    if admin_share_back > 0:
        admin_id = accounts.organization_account(organization_id, Account.Kind.ADMIN).pk
        lines += [
            Line(admin_id, Entry.Kind.ADMIN_SHARE, debit=admin_share_back),
            Line(fund_account_id, Entry.Kind.ADMIN_SHARE, credit=admin_share_back),
        ]
    for source_id, line_kind, part in (
        (general.pk, Entry.Kind.GATEWAY_FEE, cover.fee_moved),
        (general.pk, Entry.Kind.GENERAL_COVER, cover.from_general),
        (None, Entry.Kind.ORG_OWED, cover.owed),
    ):
        if part > 0:
            source_id = source_id or accounts.owed_account(organization_id).pk
            lines += [
                Line(source_id, line_kind, debit=part),
                Line(fund_account_id, line_kind, credit=part),
            ]
    txn = post_lines(
        kind=kind, organization_id=organization_id, reference=reference, memo="", lines=lines
    )
    RaisedDelta.objects.create(
        account_id=fund_account_id, raised=-amount, donations=-1 if closes_donation else 0
    )
    return txn
