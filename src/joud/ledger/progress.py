"""Progress for display: what each initiative has raised and from how many donations.

From the ledger's folded totals (one primary-key read, no hot row): they lag the ledger by at
most the fold interval (about a second); ``joud.ledger.selectors.initiative_raised`` is exact
at any moment. Every page and export reads progress through these functions. They take
initiatives (anything with ``pk`` and ``goal``) or a queryset of them, never import them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, OuterRef, QuerySet, Subquery, Sum

from joud.core.money import quantize
from joud.ledger.models import AccountTotal
from joud.ledger.selectors import initiative_totals


def initiative_progress(initiative) -> tuple[Decimal, int]:
    """(raised, donor count) for one initiative."""
    raised, donations = initiative_totals(initiative)
    return quantize(raised), donations


def initiatives_progress(initiatives) -> dict[int, tuple[Decimal, int]]:
    """``initiative_progress`` for many initiatives in one query (lists, counters, exports):
    a page of cards must not cost two queries per card."""
    items = list(initiatives)
    if not items:
        return {}
    zero = (quantize(Decimal(0)), 0)
    rows = AccountTotal.objects.filter(
        account__initiative_id__in=[i.pk for i in items]
    ).values_list("account__initiative_id", "raised", "donations")
    found = {pk: (quantize(raised), int(donations)) for pk, raised, donations in rows}
    return {i.pk: found.get(i.pk, zero) for i in items}


@dataclass
class Progress:
    raised: Decimal
    donors: int
    goal: Decimal | None

    @property
    def percent(self) -> int:
        if not self.goal:
            return 0
        return max(0, min(100, int(self.raised * 100 / self.goal)))


def attach_progress(initiatives) -> list:
    """The initiatives as a list, each with its ``progress``."""
    items = list(initiatives)
    progress = initiatives_progress(items)
    for item in items:
        raised, donors = progress.get(item.pk, (quantize(Decimal(0)), 0))
        item.progress = Progress(raised=raised, donors=donors, goal=item.goal)
    return items


def totals(initiatives: QuerySet) -> tuple[Decimal, int]:
    """(raised, donations) of all these initiatives together, in one aggregate."""
    found = AccountTotal.objects.filter(
        account__initiative_id__in=initiatives.order_by().values("pk")
    ).aggregate(raised=Sum("raised"), donations=Sum("donations"))
    return quantize(found["raised"] or Decimal(0)), int(found["donations"] or 0)


def funded_at_least(initiatives: QuerySet, percent: int) -> QuerySet:
    """The initiatives whose folded raised total reaches ``percent`` of their goal, in SQL (so
    that paging and the count agree)."""
    raised = AccountTotal.objects.filter(account__initiative_id=OuterRef("pk")).values("raised")[:1]
    return initiatives.annotate(raised_folded=Subquery(raised)).filter(
        goal__gt=0, raised_folded__gte=F("goal") * percent / 100
    )
