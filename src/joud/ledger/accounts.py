"""Finding (or opening) the ledger accounts a posting needs. Codes are stable natural keys."""

from __future__ import annotations

from joud.ledger.models import Account

CLEARING_CODE = "platform:clearing:{provider}"
FEES_CODE = "platform:fees"


def _get_or_open(code: str, **defaults) -> Account:
    account = Account.objects.filter(code=code).first()
    if account is not None:
        return account
    account, _ = Account.objects.get_or_create(code=code, defaults=defaults)
    return account


def clearing_account(provider: str) -> Account:
    return _get_or_open(CLEARING_CODE.format(provider=provider), kind=Account.Kind.CLEARING)


def fees_account() -> Account:
    return _get_or_open(FEES_CODE, kind=Account.Kind.FEES)


def initiative_account(initiative) -> Account:
    restriction = Account.Restriction.INITIATIVE
    if initiative.is_zakat:
        restriction = Account.Restriction.ZAKAT
    return _get_or_open(
        f"initiative:{initiative.pk}",
        kind=Account.Kind.INITIATIVE,
        restriction=restriction,
        organization_id=initiative.organization_id,
        initiative=initiative,
    )


def case_account(public_case) -> Account:
    """A verified case's money: the organization's, restricted to that case (like an initiative)."""
    return _get_or_open(
        f"case:{public_case.pk}",
        kind=Account.Kind.CASE,
        restriction=Account.Restriction.CASE,
        organization_id=public_case.organization_id,
    )


def organization_account(organization, kind: str) -> Account:
    restriction = {
        Account.Kind.ZAKAT: Account.Restriction.ZAKAT,
        Account.Kind.WAQF_PRINCIPAL: Account.Restriction.WAQF_PRINCIPAL,
        Account.Kind.FITR: Account.Restriction.FITR,
    }.get(kind, Account.Restriction.NONE)
    org_id = getattr(organization, "pk", organization)
    return _get_or_open(
        f"org:{org_id}:{kind}", kind=kind, restriction=restriction, organization_id=org_id
    )


def general_account(organization) -> Account:
    """The organization's unrestricted general fund (it bears what restricted funds cannot)."""
    return organization_account(organization, Account.Kind.GENERAL)


def fitr_account(organization) -> Account:
    """The organization's zakat al-fitr fund: paid out only as fitr distribution."""
    return organization_account(organization, Account.Kind.FITR)


def owed_account(organization) -> Account:
    """What the organization owes after a chargeback its funds could not cover (a receivable)."""
    return organization_account(organization, Account.Kind.OWED)


def waqf_accounts(organization_id: int, slug: str, purposes: list[str]) -> tuple[Account, Account]:
    """An endowment's principal (kept for ever) and its returns (paid only to ``purposes``)."""
    principal = _get_or_open(
        f"waqf:{slug}:principal",
        kind=Account.Kind.WAQF_PRINCIPAL,
        restriction=Account.Restriction.WAQF_PRINCIPAL,
        organization_id=organization_id,
    )
    income = _get_or_open(
        f"waqf:{slug}:income",
        kind=Account.Kind.WAQF_INCOME,
        restriction=Account.Restriction.WAQF_INCOME,
        organization_id=organization_id,
        purposes=list(purposes),
    )
    return principal, income
