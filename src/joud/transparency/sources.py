"""What the open data reads from the platform: public records and the ledger's own figures.

Only public fields leave this module. Donors, beneficiaries, volunteers and staff appear as counts,
never as people; a disbursement's free-text memo is never read (it may name someone).
Every amount comes from ``joud.ledger.selectors`` (``accounts_flows``, ``accounts_raised``: the
many-fund reads of ``account_flows`` and ``account_raised``, which the public "where the money
went" page shows), so both always agree; every fund in three grouped reads, not three per fund.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce, Lower, NullIf
from django.utils import timezone

from joud.beneficiaries.models import Case, CaseDecision
from joud.campaigns.models import Initiative
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement
from joud.donations.models import Donation
from joud.ledger import selectors as ledger
from joud.ledger.models import Account, Entry, Transaction
from joud.organizations.models import Organization

ZERO = Decimal("0.000")

PUBLIC_ORGANIZATION_STATUSES = (Organization.Status.ACTIVE, Organization.Status.SUSPENDED)
# The states whose initiative page (and money page) the public can open: all but drafts,
# applications and refusals (as ``campaigns.selectors.initiative_is_public``).
PUBLIC_INITIATIVE_STATES = (
    Initiative.State.APPROVED,
    Initiative.State.LIVE,
    Initiative.State.ENDED,
    Initiative.State.REPORTED,
    Initiative.State.CLOSED,
    Initiative.State.SUSPENDED,
)
# Funds that hold donors' money (or the organization's own): not the administration share, the
# platform's clearing and fee accounts, the bank mirror or a receivable.
FUND_KINDS = (
    Account.Kind.INITIATIVE,
    Account.Kind.CASE,
    Account.Kind.GENERAL,
    Account.Kind.ZAKAT,
    Account.Kind.FITR,
    Account.Kind.WAQF_PRINCIPAL,
)
COUNTED_DONATION_STATES = (Donation.State.CONFIRMED, Donation.State.PARTIALLY_REFUNDED)
FLOW_KEYS = ("gross", "refunds", "admin_share", "gateway_fee", "disbursed", "balance")


@dataclass
class Money:
    """One fund's (or a sum of funds') figures, from the ledger."""

    raised: Decimal = ZERO  # given by donors, net of refunds (the ledger's raised total)
    donations: int = 0  # the ledger's count of donations (net of full refunds)
    gross: Decimal = ZERO  # given by donors
    refunds: Decimal = ZERO  # refunded and charged back
    admin_share: Decimal = ZERO
    gateway_fee: Decimal = ZERO
    disbursed: Decimal = ZERO  # spent (paid out of the fund)
    balance: Decimal = ZERO  # held now

    def add(self, other: Money) -> None:
        for key in ("raised", "donations", *FLOW_KEYS):
            setattr(self, key, getattr(self, key) + getattr(other, key))


@dataclass
class LedgerFigures:
    """Every fund's figures once, then summed per initiative, organization and nationally."""

    by_initiative: dict[int, Money] = field(default_factory=dict)
    by_organization: dict[int, Money] = field(default_factory=lambda: defaultdict(Money))
    national: Money = field(default_factory=Money)


def ledger_figures() -> LedgerFigures:
    figures = LedgerFigures()
    accounts = Account.objects.filter(kind__in=FUND_KINDS).values_list(
        "pk", "organization_id", "initiative_id"
    )
    accounts = list(accounts.order_by("pk"))
    ids = [pk for pk, _org, _ini in accounts]
    raised, flows = ledger.accounts_raised(ids), ledger.accounts_flows(ids)
    for account_id, organization_id, initiative_id in accounts:
        money = Money(
            raised=raised[account_id][0],
            donations=raised[account_id][1],
            **{k: flows[account_id][k] for k in FLOW_KEYS},
        )
        if initiative_id is not None:
            figures.by_initiative[initiative_id] = money
        if organization_id is not None:
            figures.by_organization[organization_id].add(money)
        figures.national.add(money)
    return figures


def public_organizations():
    return (
        Organization.objects.filter(status__in=PUBLIC_ORGANIZATION_STATUSES)
        .select_related("governorate", "wilayat")
        .order_by("pk")
    )


def public_initiatives():
    with scopes_disabled():
        return list(
            Initiative.objects.filter(
                state__in=PUBLIC_INITIATIVE_STATES,
                organization__status__in=PUBLIC_ORGANIZATION_STATUSES,
            )
            .select_related("organization", "organization__governorate", "organization__wilayat")
            .prefetch_related("target_wilayats__governorate")
            .order_by("pk")
        )


# ---- counts of people: only ever counts, suppressed by the tables when small ----------------


def _donor_key():
    """One donor: the account if signed in, else the phone, else the email, else the gift."""
    return Coalesce(
        Cast("donor_id", CharField()),
        NullIf("donor_phone", Value("")),
        NullIf(Lower("donor_email"), Value("")),
        "reference",
    )


def _counted_donations():
    return Donation.objects.filter(state__in=COUNTED_DONATION_STATES)


def donors_by_initiative() -> dict[int, int]:
    with scopes_disabled():
        rows = (
            _counted_donations()
            .filter(initiative__isnull=False)
            .values("initiative_id")
            .annotate(n=Count(_donor_key(), distinct=True))
            .order_by()
        )
        return {row["initiative_id"]: row["n"] for row in rows}


def donors_by_governorate() -> tuple[dict[str, int], int]:
    """Distinct donors per governorate of the organization given to, and nationally."""
    with scopes_disabled():
        rows = (
            _counted_donations()
            .values("organization__governorate__code")
            .annotate(n=Count(_donor_key(), distinct=True))
            .order_by()
        )
        national = _counted_donations().aggregate(n=Count(_donor_key(), distinct=True))["n"]
        return {r["organization__governorate__code"]: r["n"] for r in rows}, national or 0


def beneficiaries_by_governorate() -> tuple[dict[str, int], int]:
    """Households (cases) an organization approved for help, per governorate and nationally."""
    with scopes_disabled():
        approved = Case.objects.filter(decisions__outcome=CaseDecision.Outcome.APPROVE)
        rows = (
            approved.values("wilayat__governorate__code")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        national = approved.aggregate(n=Count("pk", distinct=True))["n"]
        return {r["wilayat__governorate__code"]: r["n"] for r in rows}, national or 0


# ---- money out -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisbursementLine:
    """One payment out of a fund, as the open data publishes it (no payee, no memo)."""

    key: str  # stable and not guessable into anything private: the ledger transaction's id
    date: dt.date
    purpose: str  # a code of ``joud.ledger.services.spending.Purpose``
    amount: Decimal
    organization_id: int
    initiative_id: int | None
    fund_kind: str  # initiative, case, general, zakat, …
    payee_kind: str  # "" when the source does not record it


def _requests_by_posting(transaction_ids: list[int]) -> dict[int, dict]:
    """The disbursement request behind each posting (``joud.disbursements``): its payee's kind,
    and whether the bank returned it (then the payment and its reversal are both left out: they
    cancel in the ledger, and the file lists money that left)."""
    found: dict[int, dict] = {}
    with scopes_disabled():
        rows = Disbursement.objects.filter(
            Q(posting_id__in=transaction_ids) | Q(reversal_id__in=transaction_ids)
        ).values("posting_id", "reversal_id", "payee_kind")
        for row in rows:
            bounced = row["reversal_id"] is not None
            found[row["posting_id"]] = {"payee_kind": row["payee_kind"], "bounced": bounced}
            if bounced:
                found[row["reversal_id"]] = {"payee_kind": row["payee_kind"], "bounced": True}
    return found


def disbursement_lines() -> list[DisbursementLine]:
    """Money paid out of funds: one line per posted disbursement, net of any entry reversing it
    within the same transaction, with the payee's kind from the request that was approved
    (empty for a payment posted without one). Amounts come from the ledger itself."""
    rows = (
        Entry.objects.filter(
            transaction__kind=Transaction.Kind.DISBURSEMENT,
            kind=Entry.Kind.DISBURSEMENT,
            account__kind__in=FUND_KINDS,
        )
        .values(
            "transaction_id",
            "transaction__created_at",
            "transaction__organization_id",
            "account__kind",
            "account__initiative_id",
        )
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by("transaction__created_at", "transaction_id")
    )
    rows = list(rows)
    purposes = ledger.disbursement_purposes(row["transaction_id"] for row in rows)
    requests = _requests_by_posting([row["transaction_id"] for row in rows])
    rows = [row for row in rows if not requests.get(row["transaction_id"], {}).get("bounced")]
    return [
        DisbursementLine(
            key=str(row["transaction_id"]),
            date=timezone.localdate(row["transaction__created_at"]),
            purpose=purposes.get(row["transaction_id"], ""),
            amount=quantize((row["d"] or 0) - (row["c"] or 0)),
            organization_id=row["transaction__organization_id"],
            initiative_id=row["account__initiative_id"],
            fund_kind=row["account__kind"],
            payee_kind=requests.get(row["transaction_id"], {}).get("payee_kind", ""),
        )
        for row in rows
    ]


def licensed_by_governorate() -> tuple[dict[str, int], int]:
    rows = (
        Organization.objects.filter(status=Organization.Status.ACTIVE)
        .values("governorate__code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by = {r["governorate__code"]: r["n"] for r in rows}
    return by, sum(by.values())
