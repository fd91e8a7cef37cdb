"""What the dashboards show, read from the rollups only (never a scan of the donations).

``organization_id=None`` is the ministry's national view (``NationalSlice``); an organization's
view reads its own ``DailyRollup`` rows through the scoped manager, so it cannot see another's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import Initiative
from joud.core.i18n import localized
from joud.geo.models import Governorate
from joud.insights.labels import category_label, channel_label, month_key, month_label
from joud.insights.models import (
    CohortRollup,
    DailyRollup,
    DisbursementDaily,
    FunnelDay,
    NationalSlice,
)

PERIODS = {"90": 90, "365": 365, "730": 730, "all": None}
PERIOD_LABELS = {
    "90": _("Last 90 days"),
    "365": _("Last 12 months"),
    "730": _("Last 2 years"),
    "all": _("Since the start"),
}
DEFAULT_PERIOD = "365"


@dataclass
class Filters:
    hijri: bool = True
    period: str = DEFAULT_PERIOD

    @classmethod
    def from_query(cls, query) -> Filters:
        period = query.get("period", DEFAULT_PERIOD)
        return cls(
            hijri=query.get("axis", "hijri") != "gregorian",
            period=period if period in PERIODS else DEFAULT_PERIOD,
        )

    def since(self, today: dt.date) -> dt.date | None:
        days = PERIODS[self.period]
        return None if days is None else today - dt.timedelta(days=days - 1)


@dataclass
class Bucket:
    label: str
    amount: Decimal = Decimal(0)
    gifts: int = 0
    new_donors: int = 0
    returning_gifts: int = 0


@dataclass
class Speed:
    label: str
    amount: Decimal
    payments: int
    average_days: Decimal | None


@dataclass
class Dashboard:
    months: list[Bucket]
    governorates: list[Bucket]
    categories: list[Bucket]
    channels: list[Bucket]
    totals: Bucket
    cohorts: list[dict] = field(default_factory=list)
    cohort_years: list[int] = field(default_factory=list)
    funnel: list[dict] = field(default_factory=list)
    speed: list[Speed] = field(default_factory=list)
    speed_total: Speed | None = None


SUMS = {
    "amount": Sum("amount"),
    "gifts": Sum("gifts"),
    "new_donors": Sum("new_donors"),
    "returning_gifts": Sum("returning_gifts"),
}


def _own(qs, organization_id: int | None):
    """The organization's rows (the scoped manager already restricts them; this says it again)."""
    return qs if organization_id is None else qs.filter(organization_id=organization_id)


def _rows(organization_id: int, since: dt.date | None):
    qs = _own(DailyRollup.objects.all(), organization_id)
    return qs.filter(day__gte=since) if since else qs


def _bucket(label: str, row: dict) -> Bucket:
    return Bucket(
        label=label,
        amount=row["amount"] or Decimal(0),
        gifts=row["gifts"] or 0,
        new_donors=row["new_donors"] or 0,
        returning_gifts=row["returning_gifts"] or 0,
    )


def _ranked(rows, key: str, label) -> list[Bucket]:
    out = [_bucket(label(r[key]), r) for r in rows.values(key).annotate(**SUMS)]
    return sorted(out, key=lambda b: b.amount, reverse=True)


def dashboard(
    *, organization_id: int | None, filters: Filters, today: dt.date | None = None
) -> Dashboard:
    today = today or timezone.localdate()
    since = filters.since(today)
    names = {g.pk: g.name for g in Governorate.objects.all()}
    if organization_id is None:
        national = NationalSlice.objects.filter(day__gte=since) if since else NationalSlice.objects
        days = national.filter(dimension="all")

        def ranked(dimension, label):
            return _ranked(national.filter(dimension=dimension), "value", label)

        def place(value):
            return names.get(int(value), "—") if value else "—"
    else:
        days = _rows(organization_id, since)
        fields = {"governorate": "governorate_id", "category": "category", "channel": "channel"}

        def ranked(dimension, label):
            return _ranked(days, fields[dimension], label)

        def place(pk):
            return names.get(pk, "—")

    months: dict[tuple[int, int], Bucket] = {}
    for row in days.values("day").annotate(**SUMS).order_by("day"):
        key = month_key(row["day"], filters.hijri)
        b = months.setdefault(key, Bucket(label=month_label(key, filters.hijri)))
        b.amount += row["amount"] or 0
        b.gifts += row["gifts"] or 0
        b.new_donors += row["new_donors"] or 0
        b.returning_gifts += row["returning_gifts"] or 0
    board = Dashboard(
        months=list(months.values()),
        governorates=ranked("governorate", place),
        categories=ranked("category", category_label),
        channels=ranked("channel", channel_label),
        totals=_bucket("", days.aggregate(**SUMS)),
    )
    board.cohorts, board.cohort_years = cohorts(organization_id=organization_id)
    board.funnel = funnel(organization_id=organization_id, since=since)
    board.speed, board.speed_total = disbursement_speed(
        organization_id=organization_id, since=since, hijri=filters.hijri
    )
    return board


def cohorts(*, organization_id: int | None) -> tuple[list[dict], list[int]]:
    """Rows: cohort (Hijri year of the first gift), its size, and for each later year the donors
    who gave again, with the share of the cohort. Nationally a donor counts once per organization."""
    qs = _own(CohortRollup.objects.all(), organization_id)
    counts: dict[tuple[int, int], int] = {}
    for row in qs.values("cohort", "year").annotate(n=Sum("donors")):
        counts[(row["cohort"], row["year"])] = row["n"]
    cohort_years = sorted({c for c, _y in counts})
    years = sorted({y for _c, y in counts} | set(cohort_years))
    table = []
    for cohort in cohort_years:
        size = counts.get((cohort, cohort), 0)
        cells = []
        for year in years:
            if year <= cohort:
                continue
            n = counts.get((cohort, year), 0)
            cells.append(
                {"year": year, "donors": n, "percent": round(n * 100 / size) if size else 0}
            )
        table.append({"cohort": cohort, "size": size, "later": cells})
    return table, years


def funnel(*, organization_id: int | None, since: dt.date | None, limit: int = 15) -> list[dict]:
    qs = _own(FunnelDay.objects.all(), organization_id)
    if since:
        qs = qs.filter(day__gte=since)
    rows = list(
        qs.values("initiative_id")
        .annotate(visits=Sum("visits"), checkouts=Sum("checkouts"), confirmed=Sum("confirmed"))
        .order_by("-checkouts", "-visits", "initiative_id")[:limit]
    )
    titles = {
        pk: localized(ar, en)
        for pk, ar, en in Initiative.objects.filter(
            pk__in=[r["initiative_id"] for r in rows]
        ).values_list("pk", "title_ar", "title_en")
    }
    out = []
    for r in rows:
        out.append(
            {
                "title": titles.get(r["initiative_id"], ""),
                "visits": r["visits"],
                "checkouts": r["checkouts"],
                "confirmed": r["confirmed"],
                "conversion": round(r["confirmed"] * 100 / r["visits"]) if r["visits"] else None,
            }
        )
    return out


def disbursement_speed(
    *, organization_id: int | None, since: dt.date | None, hijri: bool
) -> tuple[list[Speed], Speed | None]:
    qs = _own(DisbursementDaily.objects.all(), organization_id)
    if since:
        qs = qs.filter(day__gte=since)
    buckets: dict[tuple[int, int], list] = {}
    for r in qs.values("day").annotate(a=Sum("amount"), p=Sum("payments"), w=Sum("waited_hours")):
        b = buckets.setdefault(month_key(r["day"], hijri), [Decimal(0), 0, 0])
        b[0] += r["a"] or 0
        b[1] += r["p"] or 0
        b[2] += r["w"] or 0
    months = [
        Speed(month_label(k, hijri), a, p, _average(w, p))
        for k, (a, p, w) in sorted(buckets.items())
    ]
    if not months:
        return [], None
    a, p, w = (sum(x) for x in zip(*buckets.values(), strict=True))
    return months, Speed("", a, p, _average(w, p))


def _average(waited_hours: int, payments: int) -> Decimal | None:
    """Average days, to a tenth."""
    return (Decimal(waited_hours) / 24 / payments).quantize(Decimal("0.1")) if payments else None
