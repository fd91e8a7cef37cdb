"""Every read of the obligations. The public fitr figures come from the ledger (what the fitr
fund received, paid out as distribution and holds) beside the distribution records, each of
which is one ledger posting, so the page and the books cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils.translation import ngettext

from joud.campaigns.models import Category, Initiative
from joud.core.money import format_number, plural_count, quantize
from joud.donations.models import Donation
from joud.ledger.models import Entry
from joud.obligations.models import (
    ExpiationGift,
    FitrDistribution,
    FitrGift,
    FitrProgramme,
    FitrRate,
    MealPrice,
)
from joud.organizations.models import Organization

PAID_STATES = (Donation.State.CONFIRMED, Donation.State.PARTIALLY_REFUNDED)
# The initiatives that feed people: the only ones an expiation may pay.
FEEDING_CATEGORIES = (Category.SCHOOL_MEALS,)


def fitr_rate(hijri_year: int) -> FitrRate | None:
    return FitrRate.objects.filter(hijri_year=hijri_year).first()


def meal_price(hijri_year: int) -> MealPrice | None:
    return MealPrice.objects.filter(hijri_year=hijri_year).first()


def public_programmes() -> QuerySet[FitrProgramme]:
    return FitrProgramme.unscoped.filter(
        is_active=True, organization__status=Organization.Status.ACTIVE
    ).select_related("organization")


def feeding_programmes() -> QuerySet[Initiative]:
    return (
        Initiative.unscoped.filter(
            category__in=FEEDING_CATEGORIES,
            state=Initiative.State.LIVE,
            organization__status=Organization.Status.ACTIVE,
        )
        .select_related("organization")
        .order_by("title_ar")
    )


@dataclass
class FitrFigures:
    received: Decimal  # gifts in, net of refunds and chargebacks
    fees: Decimal
    distributed: Decimal  # paid out as fitr distribution (the ledger's disbursements)
    held: Decimal  # the fund's balance
    persons_paid_for: int  # the paid gifts' persons
    families_reached: int
    persons_covered: int
    distributions: int
    late: int
    recorded: Decimal  # the distribution records' amounts (equal to ``distributed``)


def fitr_figures(programme: FitrProgramme, hijri_year: int | None = None) -> FitrFigures:
    """The programme in figures; money from the ledger (the whole fund), counts for
    ``hijri_year`` when given (else every year)."""
    by_kind = {
        row["kind"]: (row["d"] or 0, row["c"] or 0)
        for row in Entry.objects.filter(account_id=programme.account_id)
        .values("kind")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    }

    def net_credit(*kinds) -> Decimal:
        return quantize(
            sum((by_kind.get(k, (0, 0))[1] - by_kind.get(k, (0, 0))[0] for k in kinds), Decimal(0))
        )

    received = net_credit(Entry.Kind.GROSS, Entry.Kind.REFUND, Entry.Kind.CHARGEBACK)
    fees = -net_credit(Entry.Kind.GATEWAY_FEE, Entry.Kind.ADMIN_SHARE)
    distributed = -net_credit(Entry.Kind.DISBURSEMENT)
    held = quantize(sum((c - d for d, c in by_kind.values()), Decimal(0)))
    gifts = FitrGift.unscoped.filter(programme=programme, donation__state__in=PAID_STATES)
    distributions = FitrDistribution.unscoped.filter(programme=programme)
    if hijri_year is not None:
        gifts = gifts.filter(hijri_year=hijri_year)
        distributions = distributions.filter(hijri_year=hijri_year)
    counted = distributions.aggregate(f=Sum("families"), p=Sum("persons"), a=Sum("amount"))
    all_recorded = FitrDistribution.unscoped.filter(programme=programme).aggregate(a=Sum("amount"))
    return FitrFigures(
        received=received,
        fees=quantize(fees),
        distributed=quantize(distributed),
        held=held,
        persons_paid_for=gifts.aggregate(p=Sum("persons"))["p"] or 0,
        families_reached=counted["f"] or 0,
        persons_covered=counted["p"] or 0,
        distributions=distributions.count(),
        late=distributions.filter(is_late=True).count(),
        recorded=quantize(all_recorded["a"] or 0),
    )


def programme_distributions(programme: FitrProgramme) -> QuerySet[FitrDistribution]:
    return FitrDistribution.unscoped.filter(programme=programme).select_related("recorded_by")


def donor_obligations(user) -> tuple[QuerySet[FitrGift], QuerySet[ExpiationGift]]:
    fitr = FitrGift.unscoped.filter(donation__donor=user, donation__state__in=PAID_STATES)
    expiations = ExpiationGift.unscoped.filter(
        donation__donor=user, donation__state__in=PAID_STATES
    )
    return fitr.select_related("programme__organization"), expiations.select_related("initiative")


def _fitr_label(gift: FitrGift) -> str:
    n = gift.persons
    return ngettext(
        "Zakat al-fitr for %(n)s person", "Zakat al-fitr for %(n)s people", plural_count(n)
    ) % {"n": format_number(n)}


def _expiation_label(gift: ExpiationGift) -> str:
    n = gift.count
    if gift.kind == ExpiationGift.Kind.OATH:
        text = ngettext(
            "Kaffarah for %(n)s broken oath", "Kaffarah for %(n)s broken oaths", plural_count(n)
        )
    else:
        text = ngettext(
            "Fidya for %(n)s missed fast day", "Fidya for %(n)s missed fast days", plural_count(n)
        )
    return text % {"n": format_number(n)}


def obligation_labels(donations) -> dict[int, str]:
    """What each of these donations paid, in words, when it was zakat al-fitr or an expiation
    ("Zakat al-fitr for 6 people", "Kaffarah for 2 broken oaths"), by donation id (at most two
    reads for a whole page of gifts, with their initiatives loaded; other donations are left
    out)."""
    # Only the gifts that can be one are looked up (no read at all for a page without them):
    # zakat al-fitr by its target, an expiation by its feeding programme.
    fitr = [d.pk for d in donations if d.target == Donation.Target.FITR]
    feeding = [
        d.pk
        for d in donations
        if d.initiative_id and getattr(d.initiative, "category", None) in FEEDING_CATEGORIES
    ]
    labels = {}
    if fitr:
        for gift in FitrGift.unscoped.filter(donation_id__in=fitr):
            labels[gift.donation_id] = _fitr_label(gift)
    if feeding:
        for gift in ExpiationGift.unscoped.filter(donation_id__in=feeding):
            labels[gift.donation_id] = _expiation_label(gift)
    return labels
