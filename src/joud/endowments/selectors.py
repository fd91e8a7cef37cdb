"""Every read of endowments. The public figures come from the ledger (principal, returns, what
the returns paid for), so the page and the books cannot disagree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.core.money import quantize
from joud.disbursements.models import Disbursement
from joud.donations.models import Donation
from joud.endowments.models import Waqf, WaqfShare
from joud.ledger.models import Entry
from joud.organizations.models import Organization

PAID_STATES = (Donation.State.CONFIRMED, Donation.State.PARTIALLY_REFUNDED)


def public_waqfs() -> QuerySet[Waqf]:
    return Waqf.unscoped.filter(organization__status=Organization.Status.ACTIVE).select_related(
        "organization"
    )


def paid_shares(waqf: Waqf | None = None) -> QuerySet[WaqfShare]:
    shares = WaqfShare.unscoped.filter(donation__state__in=PAID_STATES)
    if waqf is not None:
        shares = shares.filter(waqf=waqf)
    return shares.select_related("donation", "waqf", "waqf__organization")


def share_by_code(code: str) -> WaqfShare | None:
    """A paid share, by the code printed on its certificate (for verification)."""
    return paid_shares().filter(code=(code or "").strip().upper()[:16]).first()


def donor_shares(user) -> QuerySet[WaqfShare]:
    return paid_shares().filter(donation__donor=user).order_by("-created_at")


@dataclass
class WaqfFigures:
    principal: Decimal
    shares: int
    returns_by_year: list[tuple[int, Decimal]] = field(default_factory=list)
    paid_by_purpose: list[tuple[str, Decimal]] = field(default_factory=list)
    returns_total: Decimal = Decimal("0.000")
    paid_total: Decimal = Decimal("0.000")
    returns_held: Decimal = Decimal("0.000")


def _local_day(moment):
    return timezone.localtime(moment).date()


def waqf_figures(waqf: Waqf) -> WaqfFigures:
    """Principal (what the principal account holds), returns per Hijri year (credited to the
    returns account), and what the returns paid for (its disbursements, net of bounces)."""
    sums = Entry.objects.filter(account_id=waqf.principal_account_id).aggregate(
        c=Sum("credit"), d=Sum("debit")
    )
    principal = quantize((sums["c"] or 0) - (sums["d"] or 0))
    years: dict[int, Decimal] = defaultdict(Decimal)
    paid: dict[str, Decimal] = defaultdict(Decimal)
    purposes = dict(
        Disbursement.unscoped.filter(source_id=waqf.income_account_id).values_list(
            "reference", "purpose"
        )
    )
    held = Decimal(0)
    entries = Entry.objects.filter(account_id=waqf.income_account_id).values_list(
        "kind", "debit", "credit", "transaction__reference", "transaction__created_at"
    )
    for kind, debit, credit, reference, created_at in entries:
        held += credit - debit
        if kind == Entry.Kind.WAQF_RETURN:
            years[to_hijri(_local_day(created_at))[0]] += credit - debit
        elif kind == Entry.Kind.DISBURSEMENT:
            purpose = purposes.get(reference.removesuffix("-B"), "general")
            paid[purpose] += debit - credit
    returns_by_year = sorted(((y, quantize(v)) for y, v in years.items()), reverse=True)
    paid_by_purpose = sorted(((p, quantize(v)) for p, v in paid.items() if v), key=lambda x: -x[1])
    return WaqfFigures(
        principal=principal,
        shares=paid_shares(waqf).count(),
        returns_by_year=returns_by_year,
        paid_by_purpose=paid_by_purpose,
        returns_total=quantize(sum((v for _y, v in returns_by_year), Decimal(0))),
        paid_total=quantize(sum((v for _p, v in paid_by_purpose), Decimal(0))),
        returns_held=quantize(held),
    )
