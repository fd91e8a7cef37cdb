"""An organization's donors page, read from its ``DonorSummary`` (worked out by the periodic
job) and the few ``DonorProfile`` rows on its lists, inside the organization's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from joud.insights.donors.segments import RISKS, SEGMENTS, lapse_risk, segment
from joud.insights.donors.summary import MIN_DONORS, MIN_HISTORY_DAYS
from joud.insights.models import DonorProfile, DonorSummary
from joud.insights.rollups.keys import local_day

__all__ = ["MIN_DONORS", "MIN_HISTORY_DAYS", "DonorReport", "Person", "donor_report"]


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


def _people(organization_id: int, ids: list[int], today: dt.date, top: Decimal) -> list[Person]:
    rows = DonorProfile.objects.filter(organization_id=organization_id, pk__in=ids)
    by_pk = {p.pk: p for p in rows}
    out = []
    for pk in ids:
        p = by_pk.get(pk)
        if p is None or not p.contact_ok:
            continue
        last = local_day(p.last_at)
        out.append(
            Person(
                name=p.name,
                contact=p.email or p.phone,
                gifts=p.gifts,
                amount=p.amount,
                last=last,
                segment=segment(
                    recency_days=(today - last).days,
                    gifts=p.gifts,
                    amount=p.amount,
                    top_amount=top,
                ),
                risk=lapse_risk(first=local_day(p.first_at), last=last, gifts=p.gifts, today=today),
            )
        )
    return out


def donor_report(*, organization_id: int, today: dt.date | None = None) -> DonorReport:
    today = today or timezone.localdate()
    summary = DonorSummary.objects.filter(organization_id=organization_id).first()
    if summary is None:
        return DonorReport(enough=False, donors=0, history_days=0)
    data = summary.data
    report = DonorReport(
        enough=data.get("enough", False), donors=summary.donors, history_days=summary.history_days
    )
    if not report.enough:
        return report
    top = Decimal(data["top_amount"])
    report.segments = [
        {
            "key": key,
            "label": label,
            "advice": advice,
            "donors": data["segments"][key][0],
            "amount": Decimal(data["segments"][key][1]),
        }
        for key, (label, advice) in SEGMENTS.items()
    ]
    report.risks = [
        {"key": key, "label": label, "donors": data["risks"].get(key, 0)}
        for key, label in RISKS.items()
    ]
    report.hidden_without_consent = data["hidden_without_consent"]
    report.ramadan_year, report.ramadan_started = data["ramadan_year"], data["ramadan_started"]
    for name in ("thank", "ramadan", "recurring"):
        setattr(report, name, _people(organization_id, data[name], today, top))
    return report
