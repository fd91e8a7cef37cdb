"""Spending and moving money out of a fund: disbursements for a stated purpose and transfers
between funds, within the restrictions of zakat and endowment principal; and the organization's
own money paid in from its bank (to its general fund, or to settle what it owes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.ledger import accounts
from joud.ledger.models import Account, Entry, Transaction
from joud.ledger.selectors import account_balance
from joud.ledger.services.posting import Line, post_lines


class Purpose:
    """What a disbursement pays for; only some purposes may receive zakat."""

    POOR_AND_NEEDY = "poor_and_needy"
    DEBT_RELIEF = "debt_relief"
    WAYFARER = "wayfarer"
    ZAKAT_COLLECTION = "zakat_collection"
    ORPHANS = "orphans"
    SCHOOL_MEALS = "school_meals"
    CONSTRUCTION = "construction"
    OPERATIONS = "operations"
    GENERAL = "general"
    FITR_DISTRIBUTION = "fitr_distribution"


ZAKAT_ELIGIBLE_PURPOSES = {
    Purpose.POOR_AND_NEEDY,
    Purpose.DEBT_RELIEF,
    Purpose.WAYFARER,
    Purpose.ZAKAT_COLLECTION,
}


def _check_restriction(account: Account, *, purpose: str | None, destination: Account | None):
    if account.restriction == Account.Restriction.WAQF_PRINCIPAL:
        raise BusinessError(
            _("Endowment principal is kept: only its returns may be spent."), code="waqf_principal"
        )
    if account.restriction == Account.Restriction.WAQF_INCOME and destination is not None:
        raise BusinessError(
            _("An endowment's returns are paid only to its purposes, never moved to another fund."),
            code="waqf_income",
        )
    if account.restriction == Account.Restriction.FITR and (
        destination is not None or purpose != Purpose.FITR_DISTRIBUTION
    ):
        raise BusinessError(
            _("Zakat al-Fitr money is paid out only as fitr distribution to those entitled."),
            code="fitr_restricted",
        )
    if account.restriction == Account.Restriction.ZAKAT:
        if destination is not None and destination.restriction != Account.Restriction.ZAKAT:
            raise BusinessError(
                _("Zakat money can only move to another zakat fund."), code="zakat_ring_fenced"
            )
        if purpose is not None and purpose not in ZAKAT_ELIGIBLE_PURPOSES:
            raise BusinessError(
                _("Zakat money may only be spent on zakat-eligible purposes."),
                code="zakat_ring_fenced",
            )


@transaction.atomic
def ledger_disburse(
    *, account: Account, amount: Decimal, purpose: str, reference: str, actor=None, memo: str = ""
) -> Transaction:
    """Pay money out of a fund to the organization's bank for a stated purpose."""
    amount = quantize(amount)
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), code="amount")
    account = Account.objects.select_for_update().get(pk=account.pk)
    _check_restriction(account, purpose=purpose, destination=None)
    if account_balance(account) < amount:
        raise BusinessError(_("The fund does not hold enough money."), code="insufficient")
    bank = accounts.organization_account(account.organization_id, "bank")
    txn = post_lines(
        kind=Transaction.Kind.DISBURSEMENT,
        organization_id=account.organization_id,
        reference=reference,
        memo=memo or purpose,
        lines=[
            Line(account.pk, Entry.Kind.DISBURSEMENT, debit=amount),
            Line(bank.pk, Entry.Kind.DISBURSEMENT, credit=amount),
        ],
    )
    audit_log(
        action="joud.ledger.disbursed",
        actor=actor,
        target=txn,
        organization=account.organization,
        data={"account": account.code, "amount": amount, "purpose": purpose},
    )
    return txn


@transaction.atomic
def ledger_transfer(
    *, source: Account, destination: Account, amount: Decimal, reference: str, actor=None
) -> Transaction:
    amount = quantize(amount)
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), code="amount")
    source = Account.objects.select_for_update().get(pk=source.pk)
    _check_restriction(source, purpose=None, destination=destination)
    if account_balance(source) < amount:
        raise BusinessError(_("The fund does not hold enough money."), code="insufficient")
    txn = post_lines(
        kind=Transaction.Kind.TRANSFER,
        organization_id=source.organization_id,
        reference=reference,
        memo=f"{source.code} -> {destination.code}",
        lines=[
            Line(source.pk, Entry.Kind.TRANSFER, debit=amount),
            Line(destination.pk, Entry.Kind.TRANSFER, credit=amount),
        ],
    )
    audit_log(
        action="joud.ledger.transferred",
        actor=actor,
        target=txn,
        organization=source.organization,
        data={"from": source.code, "to": destination.code, "amount": amount},
    )
    return txn


@transaction.atomic
def ledger_deposit(
    *, account: Account, amount: Decimal, reference: str, actor=None, memo: str = ""
) -> Transaction:
    """The organization pays its own money in from its bank: into its general fund, or into its
    "owed" account to settle what chargebacks left it owing (never more than it owes)."""
    amount = quantize(amount)
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), code="amount")
    account = Account.objects.select_for_update().get(pk=account.pk)
    if account.kind not in (Account.Kind.GENERAL, Account.Kind.OWED):
        raise BusinessError(
            _("Money can be paid in only to the general fund or to settle what is owed."),
            code="deposit_target",
        )
    if account.kind == Account.Kind.OWED and amount > -account_balance(account):
        raise BusinessError(_("That is more than the organization owes."), code="amount")
    bank = accounts.organization_account(account.organization_id, "bank")
    txn = post_lines(
        kind=Transaction.Kind.TRANSFER,
        organization_id=account.organization_id,
        reference=reference,
        memo=memo or "deposit",
        lines=[
            Line(bank.pk, Entry.Kind.TRANSFER, debit=amount),
            Line(account.pk, Entry.Kind.TRANSFER, credit=amount),
        ],
    )
    audit_log(
        action="joud.ledger.deposited",
        actor=actor,
        target=txn,
        organization=account.organization,
        data={"account": account.code, "amount": amount},
    )
    return txn


@transaction.atomic
def ledger_receive_return(
    *,
    account: Account,
    amount: Decimal,
    reference: str,
    actor=None,
    memo: str = "",
    received_at: dt.datetime | None = None,
) -> Transaction:
    """An endowment's return (investment income, rent) arrives in the organization's bank: it is
    booked into the endowment's returns account, never into its principal, at the time it was
    received (``received_at``, never in the future)."""
    amount = quantize(amount)
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), code="amount")
    if account.kind != Account.Kind.WAQF_INCOME:
        raise BusinessError(
            _("An endowment's returns are booked only into its returns account."), code="waqf"
        )
    bank = accounts.organization_account(account.organization_id, "bank")
    txn = post_lines(
        kind=Transaction.Kind.WAQF_RETURN,
        organization_id=account.organization_id,
        reference=reference,
        memo=memo or "waqf return",
        created_at=min(received_at, timezone.now()) if received_at else None,
        lines=[
            Line(bank.pk, Entry.Kind.WAQF_RETURN, debit=amount),
            Line(account.pk, Entry.Kind.WAQF_RETURN, credit=amount),
        ],
    )
    audit_log(
        action="joud.ledger.waqf_return",
        actor=actor,
        target=txn,
        organization=account.organization,
        data={"account": account.code, "amount": amount},
    )
    return txn
