"""Reads for the final report: its money, computed from the ledger and never typed in, and the
escalation's calendar (how many working days a report is from its due date).

Spending is the posted disbursements of the initiative's fund (``ledger_disburse``), netted per
ledger transaction (a payment that bounced is reversed by a new entry and nets to zero), by the
purpose each was posted for (the ledger's own audit entry of the posting).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import FinalReport, FinalReportPhoto, Initiative
from joud.core.dates import working_days_between
from joud.core.money import quantize
from joud.ledger.models import Entry
from joud.ledger.selectors import (
    account_flows,
    account_raised,
    disbursement_purposes,
    initiative_account_id,
)
from joud.ledger.services.spending import Purpose

OTHER = "other"
PURPOSE_LABELS = {
    Purpose.POOR_AND_NEEDY: _("Help for the poor and needy"),
    Purpose.DEBT_RELIEF: _("Paying off debts"),
    Purpose.WAYFARER: _("Help for stranded travellers"),
    Purpose.ZAKAT_COLLECTION: _("Collecting and distributing zakat"),
    Purpose.ORPHANS: _("Caring for orphans"),
    Purpose.SCHOOL_MEALS: _("School meals"),
    Purpose.CONSTRUCTION: _("Building and repairs"),
    Purpose.OPERATIONS: _("Running costs"),
    Purpose.GENERAL: _("General charitable work"),
    OTHER: _("Other spending"),
}


@dataclass
class SpendingLine:
    purpose: str
    label: str
    amount: Decimal
    percent_of_budget: Decimal | None


@dataclass
class ReportMoney:
    """The report's figures, in rials (Decimal, quantised)."""

    budget: Decimal | None
    raised: Decimal
    donations: int
    admin_share: Decimal
    fees: Decimal
    spent: Decimal
    held: Decimal
    lines: list[SpendingLine] = field(default_factory=list)

    @property
    def percent_spent(self) -> Decimal | None:
        return _percent(self.spent, self.budget)


def _percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


def spending_by_purpose(account_id: int | None) -> dict[str, Decimal]:
    """Money paid out of the fund per purpose (posted disbursements, net of reversals)."""
    if account_id is None:
        return {}
    rows = list(
        Entry.objects.filter(account_id=account_id, kind=Entry.Kind.DISBURSEMENT)
        .values("transaction_id", "transaction__reference", "transaction__memo")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by("transaction_id")
    )
    purposes = disbursement_purposes(row["transaction_id"] for row in rows)
    by_reference: dict[str, str] = {}
    totals: dict[str, Decimal] = {}
    for row in rows:
        reference = row["transaction__reference"] or ""
        purpose = purposes.get(row["transaction_id"]) or ""
        if purpose not in PURPOSE_LABELS and row["transaction__memo"] in PURPOSE_LABELS:
            purpose = row["transaction__memo"]
        if purpose not in PURPOSE_LABELS:
            # A reversal carries no purpose of its own: it takes the one of the payment it undoes.
            purpose = next(
                (p for ref, p in by_reference.items() if reference.startswith(f"{ref}-")),
                OTHER,
            )
        else:
            by_reference.setdefault(reference, purpose)
        totals[purpose] = totals.get(purpose, Decimal(0)) + (row["d"] or 0) - (row["c"] or 0)
    return {p: quantize(v) for p, v in totals.items() if quantize(v) != 0}


def report_money(initiative: Initiative) -> ReportMoney:
    """What the initiative raised and where it went, from its ledger fund."""
    account_id = initiative_account_id(initiative)
    flows = account_flows(account_id)
    raised, donations = account_raised(account_id)
    spending = spending_by_purpose(account_id)
    budget = quantize(initiative.goal) if initiative.goal else None
    lines = [
        SpendingLine(purpose, str(PURPOSE_LABELS[purpose]), amount, _percent(amount, budget))
        for purpose, amount in sorted(spending.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return ReportMoney(
        budget=budget,
        raised=raised,
        donations=donations,
        admin_share=flows["admin_share"],
        fees=flows["gateway_fee"],
        spent=quantize(sum(spending.values(), Decimal(0))),
        held=flows["balance"],
        lines=lines,
    )


def working_days_late(initiative: Initiative, today: dt.date) -> int:
    """Working days since the report fell due (0 while it is not yet late)."""
    if not initiative.report_due_on:
        return 0
    return working_days_between(initiative.report_due_on, today)


def reports_blocking(organization, *, today: dt.date) -> list[Initiative]:
    """The organization's unreported initiatives whose report is so late that it may not submit
    a new initiative (``JOUD_REPORT_BLOCK_WORKING_DAYS``)."""
    limit = settings.JOUD_REPORT_BLOCK_WORKING_DAYS
    late = Initiative.unscoped.filter(
        organization=organization, state=Initiative.State.ENDED, report_due_on__lt=today
    ).order_by("report_due_on")
    return [item for item in late if working_days_late(item, today) >= limit]


def _with_photos(report: FinalReport | None) -> FinalReport | None:
    """The report with ``photo_list`` (its photos, read here: templates run outside any scope)."""
    if report is not None:
        report.photo_list = list(FinalReportPhoto.unscoped.filter(report=report))
    return report


def published_report(initiative: Initiative) -> FinalReport | None:
    """The initiative's accepted report, the one the public page shows."""
    return _with_photos(
        FinalReport.unscoped.filter(initiative=initiative, state=FinalReport.State.ACCEPTED).first()
    )


def report_of(initiative: Initiative) -> FinalReport | None:
    return _with_photos(FinalReport.unscoped.filter(initiative=initiative).first())
