"""Where the next riyal does most good: open needs against money raised and paid out, per
governorate and wilayat, from the rollups (``NeedRollup``, ``NationalDaily``, ``DisbursementDaily``).

The ranking, in plain words: what open appeals still need, weighed down by what is already being
paid out there in the last twelve months. ``score = needed × needed / (needed + paid out)``: a
place with much need and little money flowing ranks first; a place whose need is already met
by payments ranks low; no open appeal, no score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from joud.beneficiaries.models.cases import Category as CaseCategory
from joud.geo.models import Governorate, Wilayat
from joud.insights.models import DisbursementDaily, NationalDaily, NeedRollup
from joud.insights.oman_map import label_point, path_of

WINDOW_DAYS = 365
# The initiative categories that serve a case category, for "money raised" under a filter.
SERVES = {
    "zakat": ["zakat", "zakat_fitr"],
    "living": ["school_meals", "eid_clothing", "in_kind"],
    "housing": ["housing"],
    "medical": ["health"],
    "education": ["education"],
    "orphans": ["orphans"],
    "debt": ["debt_relief"],
    "relief": ["relief"],
}
SHADES = 5


@dataclass
class Place:
    pk: int
    code: str
    name: str
    open_cases: int = 0
    still_needed: Decimal = Decimal(0)
    raised: Decimal = Decimal(0)
    disbursed: Decimal = Decimal(0)
    score: Decimal = Decimal(0)
    rank: int = 0
    shade: int = 0
    path: str = ""
    label_x: float = 0
    label_y: float = 0

    def weigh(self) -> None:
        if self.still_needed > 0:
            self.score = (
                self.still_needed * self.still_needed / (self.still_needed + self.disbursed)
            ).quantize(Decimal("0.001"))


def categories() -> list[tuple[str, str]]:
    return list(CaseCategory.choices)


def _money_categories(category: str) -> list[str]:
    return [f"case:{category}", *SERVES.get(category, [])]


def priorities(
    *, category: str = "", today: dt.date | None = None
) -> tuple[list[Place], list[Place]]:
    """(governorates ranked, wilayats ranked) for the ministry (call with scopes disabled)."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=WINDOW_DAYS - 1)
    needs = NeedRollup.objects.all()
    raised = NationalDaily.objects.filter(day__gte=since)
    paid = DisbursementDaily.objects.filter(day__gte=since)
    if category:
        needs = needs.filter(category=category)
        raised = raised.filter(category__in=_money_categories(category))
        paid = paid.filter(category__in=_money_categories(category))
    governorates = {
        g.pk: Place(pk=g.pk, code=g.code, name=g.name) for g in Governorate.objects.all()
    }
    wilayats = {
        w.pk: Place(pk=w.pk, code=governorates[w.governorate_id].code, name=w.name)
        for w in Wilayat.objects.all()
        if w.governorate_id in governorates
    }
    for level, places in (("governorate_id", governorates), ("wilayat_id", wilayats)):
        for row in needs.values(level).annotate(n=Sum("open_cases"), m=Sum("still_needed")):
            if row[level] in places:
                places[row[level]].open_cases += row["n"] or 0
                places[row[level]].still_needed += row["m"] or 0
        for row in raised.values(level).annotate(m=Sum("amount")):
            if row[level] in places:
                places[row[level]].raised += row["m"] or 0
        for row in paid.values(level).annotate(m=Sum("amount")):
            if row[level] in places:
                places[row[level]].disbursed += row["m"] or 0
    ranked_g = _rank(governorates.values())
    needy = [p.pk for p in ranked_g if p.score or p.open_cases]
    for place in ranked_g:
        place.path = path_of(place.code)
        place.label_x, place.label_y = label_point(place.code) if place.path else (0, 0)
        if place.pk in needy:  # darker the higher it ranks among places with an open need
            place.shade = SHADES - (place.rank - 1) * SHADES // len(needy)
    ranked_w = [p for p in _rank(wilayats.values()) if p.open_cases or p.raised or p.disbursed]
    return ranked_g, ranked_w


def _rank(places) -> list[Place]:
    for place in places:
        place.weigh()
    ranked = sorted(places, key=lambda p: (-p.score, -p.open_cases, p.name))
    for n, place in enumerate(ranked, 1):
        place.rank = n
    return ranked
