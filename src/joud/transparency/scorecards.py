"""The scorecards kept by quarter: the nightly recomputation (a service) and what the pages read
(selectors). Each night rewrites the current quarter's row of every licensed or suspended
organization, then the percentiles within each kind; past quarters stay as they were."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Organization
from joud.transparency.indicators import REGISTRY, Reading
from joud.transparency.indicators.base import Unit
from joud.transparency.indicators.funds import FundHistory
from joud.transparency.models import Scorecard
from joud.transparency.quarters import Quarter
from joud.transparency.scoring import Card, Part, percentile, score_parts, scorecard_compute

SCORED_STATUSES = (Organization.Status.ACTIVE, Organization.Status.SUSPENDED)


def scorecards_recompute(*, today: dt.date | None = None) -> int:
    """Score every licensed (or suspended) organization for the quarter ``today`` falls in."""
    today = today or timezone.localdate()
    quarter = Quarter.of(today)
    with scopes_disabled():
        organizations = list(Organization.objects.filter(status__in=SCORED_STATUSES))
        histories = FundHistory.of_many([org.pk for org in organizations], today=today)
        cards = {
            org.pk: scorecard_compute(org, today=today, histories=histories)
            for org in organizations
        }
    with transaction.atomic():
        for org in organizations:
            card = cards[org.pk]
            Scorecard.objects.update_or_create(
                organization=org,
                quarter=quarter.key,
                defaults={
                    "starts_on": quarter.starts_on,
                    "computed_on": today,
                    "score": card.score,
                    "coverage": card.coverage.quantize(Decimal("0.0001")),
                    "parts": card.as_json(),
                },
            )
        rank_within_kinds(quarter)
        audit_log(
            action="joud.scorecard.recomputed",
            data={"quarter": quarter.key, "organizations": len(organizations), "day": today},
        )
    return len(organizations)


def rank_within_kinds(quarter: Quarter) -> None:
    rows = list(Scorecard.objects.filter(quarter=quarter.key).select_related("organization"))
    for row in rows:
        others = [
            r.score
            for r in rows
            if r.pk != row.pk
            and r.score is not None
            and r.organization.kind == row.organization.kind
        ]
        value = percentile(row.score, others)
        if value != row.percentile:
            row.percentile = value
            row.save(update_fields=["percentile"])


# --- reads -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A kept scorecard with its parts, ready for a page."""

    row: Scorecard
    card: Card

    @property
    def quarter(self) -> Quarter:
        return Quarter.parse(self.row.quarter)


def _reading(code: str, stored: dict) -> Reading:
    unit = REGISTRY[code].unit
    raw = stored.get("value")
    if raw is None:
        value = None
    elif unit == Unit.YES_NO:
        value = raw == "True"
    else:
        value = Decimal(raw)
    mark = Decimal(stored["mark"]) if stored.get("mark") is not None else None
    return Reading(code, value, mark, stored.get("facts") or {})


def card_of(row: Scorecard) -> Card:
    parts = [
        Part(REGISTRY[code], _reading(code, stored))
        for code, stored in row.parts.items()
        if code in REGISTRY
    ]
    _score, coverage = score_parts(parts)
    return Card(score=row.score, coverage=coverage, parts=parts)


def latest_scorecard(organization) -> Shown | None:
    row = Scorecard.objects.filter(organization=organization).order_by("-starts_on").first()
    return Shown(row, card_of(row)) if row else None


def scorecard_history(organization) -> list[Scorecard]:
    return list(Scorecard.objects.filter(organization=organization).order_by("-starts_on")[:8])


def current_quarter_key() -> str | None:
    return Scorecard.objects.order_by("-starts_on").values_list("quarter", flat=True).first()


def ranking(*, governorate: str = "", kind: str = "") -> QuerySet[Scorecard]:
    """The newest quarter's scorecards, best first (no score last), filtered as asked."""
    qs = Scorecard.objects.filter(quarter=current_quarter_key() or "").select_related(
        "organization", "organization__governorate"
    )
    if governorate:
        qs = qs.filter(organization__governorate__code=governorate)
    if kind:
        qs = qs.filter(organization__kind=kind)
    return qs.order_by(F("score").desc(nulls_last=True), "organization__name_ar")
