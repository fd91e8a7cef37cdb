"""Working out an organization's donor summary (segments, risks, the three lists) from its
``DonorProfile`` rows, once per refresh for the organizations that received gifts and once a
day for every organization (recency changes with the date). The page then reads one row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Max, Min
from django.utils import timezone

from joud.core.dates import hijri_month_start
from joud.insights.donors.segments import RISKS, SEGMENTS, lapse_risk, segment
from joud.insights.models import DonorProfile, DonorSummary
from joud.insights.rollups.keys import hijri_of, local_day

MIN_DONORS = 20  # fewer donors than this: "not enough data yet"
MIN_HISTORY_DAYS = 90
LIST_SIZE = 20
THANK_DAYS = 14


def top_fifth_amount(profiles) -> Decimal:
    """The total that puts a donor in the organization's top fifth (ties included)."""
    count = profiles.count()
    if not count:
        return Decimal(0)
    return profiles.order_by("-amount").values_list("amount", flat=True)[max(count // 5 - 1, 0)]


def this_ramadan(today: dt.date) -> tuple[int, bool]:
    """The Hijri year of the coming (or current) Ramadan, and whether it has begun."""
    year, month, _d = hijri_of(today)
    if month > 9:
        return year + 1, False
    return year, today >= hijri_month_start(year, 9)


def summarise(organization_id: int, today: dt.date) -> dict:
    profiles = DonorProfile.unscoped.filter(organization_id=organization_id)
    facts = profiles.aggregate(n=Count("id"), first=Min("first_at"), last=Max("last_at"))
    n = facts["n"] or 0
    history = (today - local_day(facts["first"])).days if facts["first"] else 0
    summary = {"donors": n, "history_days": history, "enough": False}
    if n < MIN_DONORS or history < MIN_HISTORY_DAYS:
        return summary
    top = top_fifth_amount(profiles)
    seg_counts = {key: [0, Decimal(0)] for key in SEGMENTS}
    risk_counts = dict.fromkeys(RISKS, 0)
    fields = ("first_at", "last_at", "gifts", "amount")
    for first_at, last_at, gifts, amount in profiles.values_list(*fields).iterator(5000):
        last = local_day(last_at)
        key = segment(recency_days=(today - last).days, gifts=gifts, amount=amount, top_amount=top)
        seg_counts[key][0] += 1
        seg_counts[key][1] += amount
        risk_counts[lapse_risk(first=local_day(first_at), last=last, gifts=gifts, today=today)] += 1
    contactable = profiles.filter(contact_ok=True)
    since = timezone.now() - dt.timedelta(days=THANK_DAYS)
    year, started = this_ramadan(today)
    summary.update(
        enough=True,
        top_amount=str(top),
        segments={k: [c, str(a)] for k, (c, a) in seg_counts.items()},
        risks=risk_counts,
        hidden_without_consent=n - contactable.count(),
        ramadan_year=year,
        ramadan_started=started,
        thank=list(
            contactable.filter(last_at__gte=since)
            .order_by("-last_amount", "-last_at")
            .values_list("pk", flat=True)[:LIST_SIZE]
        ),
        ramadan=ramadan_regulars(contactable, year),
        recurring=list(
            contactable.filter(has_plan=False, gifts__gte=3, months__gte=3)
            .order_by("-months", "-amount")
            .values_list("pk", flat=True)[:LIST_SIZE]
        ),
    )
    return summary


def ramadan_regulars(profiles, year: int) -> list[int]:
    """Donors who gave in every Ramadan since their first one (at least two), but not in
    Ramadan ``year`` yet."""
    out = []
    candidates = profiles.filter(gifts__gte=2).exclude(ramadan_years=[]).order_by("-amount")
    for pk, years in candidates.values_list("pk", "ramadan_years").iterator(2000):
        years = set(years)
        if year in years or len(years) < 2:
            continue
        if years >= set(range(min(years), year)):
            out.append(pk)
            if len(out) >= LIST_SIZE:
                break
    return out


def save_summaries(organization_ids, today: dt.date | None = None) -> int:
    """Rewrite the summaries of ``organization_ids`` (None: every organization with donors, plus
    any whose summary is from an earlier day)."""
    today = today or timezone.localdate()
    ids = set(organization_ids or ())
    if organization_ids is None:
        ids |= set(DonorProfile.unscoped.values_list("organization_id", flat=True).distinct())
    ids |= set(
        DonorSummary.unscoped.filter(computed_on__lt=today).values_list(
            "organization_id", flat=True
        )
    )
    for org_id in ids:
        data = summarise(org_id, today)
        DonorSummary.unscoped.update_or_create(
            organization_id=org_id,
            defaults={
                "computed_on": today,
                "donors": data["donors"],
                "history_days": data["history_days"],
                "data": data,
            },
        )
    return len(ids)
