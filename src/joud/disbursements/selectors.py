"""Reading disbursements: the organization's own (scoped), the ministry's queue, the bank
transfer file, and the public lines — the one public selector other pages reuse
(``public_disbursements``), which carries no personal data by construction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from joud.beneficiaries.models import Case, Debt, PublicCase
from joud.campaigns.models import Initiative
from joud.campaigns.selectors import initiative_is_public
from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement, Evidence
from joud.disbursements.purposes import Purpose
from joud.disbursements.services import SPENDABLE_KINDS
from joud.ledger.models import Account
from joud.organizations.selectors import PUBLIC_STATUSES

State = Disbursement.State
# What the public sees: money that has left the fund (booked), and was not returned.
PUBLIC_STATES = (State.POSTED, State.PAID)


def organization_disbursements(organization) -> QuerySet[Disbursement]:
    return (
        Disbursement.objects.filter(organization=organization)
        .select_related("source", "initiative", "requested_by", "approved_by")
        .order_by("-created_at", "-id")
    )


def organization_disbursement(organization, reference: str) -> QuerySet[Disbursement]:
    """A queryset of at most one (``get_object_or_404`` gives another organization a 404)."""
    return organization_disbursements(organization).filter(reference=reference)


def ministry_queue() -> QuerySet[Disbursement]:
    """Payments above the threshold waiting for the ministry, oldest first."""
    with scopes_disabled():
        return (
            Disbursement.objects.filter(state=State.MINISTRY)
            .select_related("organization", "source", "initiative")
            .order_by("approved_at", "id")
        )


def ministry_disbursement(reference: str) -> QuerySet[Disbursement]:
    with scopes_disabled():
        return Disbursement.objects.filter(reference=reference).select_related(
            "organization", "source", "initiative", "requested_by", "approved_by"
        )


def disbursement_evidence(disbursement) -> list[Evidence]:
    """A request's evidence files, for the ministry (which reads across organizations)."""
    with scopes_disabled():
        return list(Evidence.objects.filter(disbursement=disbursement).order_by("id"))


def bank_file_disbursements(organization) -> QuerySet[Disbursement]:
    """Approved payments still to be transferred: one line each in the bank file."""
    return (
        organization_disbursements(organization)
        .filter(state=State.POSTED)
        .order_by("planned_on", "id")
    )


def public_evidence(pk: int) -> Evidence | None:
    """A public evidence file of a booked payment (anything else is not found), while its
    organization and its initiative are themselves public (an unpublished or withdrawn
    initiative's files are not found, as its page is not)."""
    with scopes_disabled():
        evidence = (
            Evidence.objects.filter(
                pk=pk,
                is_public=True,
                disbursement__state__in=PUBLIC_STATES,
                disbursement__organization__status__in=PUBLIC_STATUSES,
            )
            .select_related("disbursement__initiative")
            .first()
        )
    initiative = evidence.disbursement.initiative if evidence else None
    if initiative is not None and not initiative_is_public(initiative):
        return None
    return evidence


@dataclass(frozen=True)
class PublicEvidence:
    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class PublicDisbursement:
    """One line of money out as anyone may read it: no payee's name, account or case."""

    reference: str  # stable: DSB-…
    date: dt.date  # when it was booked (left the fund)
    purpose: str  # a code of ``joud.disbursements.purposes.Purpose``
    purpose_label: str
    ledger_purpose: str  # a code of ``joud.ledger.services.Purpose``
    amount: Decimal
    fund_kind: str  # the ledger account kind it was paid from: initiative, case, zakat, …
    payee_kind: str
    payee_kind_label: str
    organization_id: int
    initiative_id: int | None
    paid: bool
    evidence: list[PublicEvidence] = field(default_factory=list)


PUBLIC_PAYEE_LABELS = {
    Disbursement.PayeeKind.SUPPLIER: Disbursement.PayeeKind.SUPPLIER.label,
    Disbursement.PayeeKind.BENEFICIARY: Disbursement.PayeeKind.BENEFICIARY.label,
    Disbursement.PayeeKind.CREDITOR: Disbursement.PayeeKind.CREDITOR.label,
    Disbursement.PayeeKind.OWN_ACCOUNT: Disbursement.PayeeKind.OWN_ACCOUNT.label,
}


def public_disbursements(*, initiative=None, organization=None) -> list[PublicDisbursement]:
    """Booked payments out (of one initiative, one organization, or all), oldest first, with
    their public evidence. The sum of their amounts for an initiative is what its ledger fund
    shows as spent (a bounced transfer is reversed in the ledger and left out here)."""
    with scopes_disabled():
        rows = Disbursement.objects.filter(state__in=PUBLIC_STATES)
        if initiative is not None:
            rows = rows.filter(initiative=initiative)
        if organization is not None:
            rows = rows.filter(organization=organization)
        rows = (
            rows.select_related("source")
            .prefetch_related(
                Prefetch(
                    "evidence", queryset=Evidence.objects.filter(is_public=True).order_by("id")
                )
            )
            .order_by("posted_at", "id")
        )
        lines = []
        for row in rows:
            lines.append(
                PublicDisbursement(
                    reference=row.reference,
                    date=timezone.localtime(row.posted_at).date(),
                    purpose=row.purpose,
                    purpose_label=str(Purpose(row.purpose).label),
                    ledger_purpose=row.ledger_purpose,
                    amount=row.amount,
                    fund_kind=row.source.kind,
                    payee_kind=row.payee_kind,
                    payee_kind_label=str(PUBLIC_PAYEE_LABELS[row.payee_kind]),
                    organization_id=row.organization_id,
                    initiative_id=row.initiative_id,
                    paid=row.state == State.PAID,
                    evidence=[
                        PublicEvidence(
                            kind=e.kind,
                            label=str(e.get_kind_display()),
                            url=reverse("disbursements:public_evidence", args=[e.pk]),
                        )
                        for e in row.evidence.all()
                    ],
                )
            )
    return lines


def spendable_funds(organization) -> list[tuple[object, str]]:
    """The organization's funds a payment may name, each with a label for the form."""
    funds = list(
        Account.objects.filter(organization=organization, kind__in=SPENDABLE_KINDS)
        .select_related("initiative")
        .order_by("kind", "code")
    )
    case_ids = [int(a.code.split(":", 1)[1]) for a in funds if a.kind == Account.Kind.CASE]
    with scopes_disabled():
        case_codes = dict(PublicCase.objects.filter(pk__in=case_ids).values_list("pk", "code"))
    labelled = []
    for account in funds:
        label = str(account.get_kind_display())
        if account.initiative is not None:
            label = f"{label}: {account.initiative.title}"
        elif account.kind == Account.Kind.CASE:
            label = f"{label}: {case_codes.get(int(account.code.split(':', 1)[1]), '')}"
        labelled.append((account, label))
    return labelled


def payable_cases(organization) -> QuerySet[Case]:
    """Verified (approved) cases of the organization, by reference only (no names in lists)."""
    return Case.objects.filter(organization=organization, status=Case.Status.APPROVED).order_by(
        "reference"
    )


def organization_initiatives(organization) -> QuerySet[Initiative]:
    return Initiative.objects.filter(organization=organization).order_by("-created_at")


@dataclass(frozen=True)
class DebtReliefFigures:
    """Debt relief in counts and amounts only: no debtor, creditor or court is ever named."""

    cases_open: int  # verified debts not yet discharged
    owed_open: Decimal  # what those debts still amount to, before the payments below
    cases_discharged: int
    released: int  # discharged debtors who had been held for the debt
    paid_total: Decimal  # paid to creditors and courts (a bounced transfer is left out)
    payments: int


def debt_relief_figures(*, organization=None) -> DebtReliefFigures:
    with scopes_disabled():
        debts = Debt.objects.filter(case__status__in=(Case.Status.APPROVED, Case.Status.CLOSED))
        paid = Disbursement.objects.filter(
            payee_kind=Disbursement.PayeeKind.CREDITOR, state=State.PAID
        )
        if organization is not None:
            debts = debts.filter(organization=organization)
            paid = paid.filter(organization=organization)
        open_debts = debts.filter(discharged_at__isnull=True, case__status=Case.Status.APPROVED)
        discharged = debts.filter(discharged_at__isnull=False)
        money = paid.aggregate(total=Sum("amount"), count=Count("id"))
        return DebtReliefFigures(
            cases_open=open_debts.count(),
            owed_open=open_debts.aggregate(total=Sum("amount_owed"))["total"] or Decimal(0),
            cases_discharged=discharged.count(),
            released=discharged.filter(held_for_debt=True).count(),
            paid_total=money["total"] or Decimal(0),
            payments=money["count"],
        )
