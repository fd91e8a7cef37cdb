"""An organization's donors read from ``DonorProfile`` (inside its scope): segment counts, the
cohorts, and the three lists of people to act on, each honouring ``contact_ok``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Min
from django.utils import timezone

from joud.core.dates import hijri_month_start
from joud.insights.donors.segments import RISKS, SEGMENTS, lapse_risk, segment
from joud.insights.models import DonorProfile
from joud.insights.rollups.keys import hijri_of, local_day

MIN_DONORS = 20  # fewer donors than this: "not enough data yet"
MIN_HISTORY_DAYS = 90
LIST_SIZE = 20
THANK_DAYS = 14


@dataclass
class Person:
    name: str
    contact: str
    gifts: int
    amount: Decimal
    last: dt.date
    segment: str = ""
    risk: str = ""


@dataclass
class DonorReport:
    enough: bool
    donors: int
    history_days: int
    segments: list[dict] = field(default_factory=list)
    risks: list[dict] = field(default_factory=list)
    thank: list[Person] = field(default_factory=list)
    ramadan: list[Person] = field(default_factory=list)
    recurring: list[Person] = field(default_factory=list)
    ramadan_year: int = 0
    ramadan_started: bool = False
    hidden_without_consent: int = 0


def top_fifth_amount(profiles) -> Decimal:
    """The total that puts a donor in the organization's top fifth (ties included)."""
    count = profiles.count()
    if not count:
        return Decimal(0)
    row = profiles.order_by("-amount").values_list("amount", flat=True)[max(count // 5 - 1, 0)]
    return row


def _person(p: DonorProfile, today: dt.date, top: Decimal) -> Person:
    last = local_day(p.last_at)
    return Person(
        name=p.name,
        contact=p.email or p.phone,
        gifts=p.gifts,
        amount=p.amount,
        last=last,
        segment=segment(
            recency_days=(today - last).days, gifts=p.gifts, amount=p.amount, top_amount=top
        ),
        risk=lapse_risk(first=local_day(p.first_at), last=last, gifts=p.gifts, today=today),
    )


def donor_report(*, organization_id: int, today: dt.date | None = None) -> DonorReport:
    today = today or timezone.localdate()
    profiles = DonorProfile.objects.filter(organization_id=organization_id)
    summary = profiles.aggregate(n=Count("id"), first=Min("first_at"), last=Max("last_at"))
    n = summary["n"] or 0
    history = (today - local_day(summary["first"])).days if summary["first"] else 0
    report = DonorReport(
        enough=n >= MIN_DONORS and history >= MIN_HISTORY_DAYS, donors=n, history_days=history
    )
    if not report.enough:
        return report
    top = top_fifth_amount(profiles)
    seg_counts = {key: [0, Decimal(0)] for key in SEGMENTS}
    risk_counts = {key: 0 for key in RISKS}
    fields = ("first_at", "last_at", "gifts", "amount")
    for first_at, last_at, gifts, amount in profiles.values_list(*fields).iterator(5000):
        last = local_day(last_at)
        key = segment(recency_days=(today - last).days, gifts=gifts, amount=amount, top_amount=top)
        seg_counts[key][0] += 1
        seg_counts[key][1] += amount
        risk_counts[lapse_risk(first=local_day(first_at), last=last, gifts=gifts, today=today)] += 1
    report.segments = [
        {"key": k, "label": SEGMENTS[k][0], "advice": SEGMENTS[k][1], "donors": c, "amount": a}
        for k, (c, a) in seg_counts.items()
    ]
    report.risks = [{"key": k, "label": RISKS[k], "donors": c} for k, c in risk_counts.items()]
    contactable = profiles.filter(contact_ok=True)
    report.hidden_without_consent = n - contactable.count()
    since = timezone.now() - dt.timedelta(days=THANK_DAYS)
    report.thank = [
        _person(p, today, top)
        for p in contactable.filter(last_at__gte=since).order_by("-last_amount", "-last_at")[
            :LIST_SIZE
        ]
    ]
    report.ramadan_year, report.ramadan_started = _this_ramadan(today)
    report.ramadan = ramadan_regulars(contactable, report.ramadan_year, today, top)
    report.recurring = [
        _person(p, today, top)
        for p in contactable.filter(has_plan=False, gifts__gte=3, months__gte=3).order_by(
            "-months", "-amount"
        )[:LIST_SIZE]
    ]
    return report


def _this_ramadan(today: dt.date) -> tuple[int, bool]:
    """The Hijri year of the coming (or current) Ramadan, and whether it has begun."""
    year, month, _d = hijri_of(today)
    if month > 9:
        return year + 1, False
    return year, today >= hijri_month_start(year, 9)


def ramadan_regulars(profiles, year: int, today: dt.date, top: Decimal) -> list[Person]:
    """Donors who gave in every Ramadan since their first one (at least two), but not in
    Ramadan ``year`` yet."""
    out = []
    for p in (
        profiles.filter(gifts__gte=2).exclude(ramadan_years=[]).order_by("-amount").iterator(2000)
    ):
        years = set(p.ramadan_years)
        if year in years or len(years) < 2:
            continue
        if years >= set(range(min(years), year)):
            out.append(_person(p, today, top))
            if len(out) >= LIST_SIZE:
                break
    return out
