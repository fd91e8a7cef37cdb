"""From readings to a score: the weights table (``settings.JOUD_SCORECARD_WEIGHTS``) turns each
indicator's mark (0 to 1) into points; the score is the points earned ÷ the points of the
indicators that could be measured, × 100. Too little data (the measured indicators carry less
than ``JOUD_SCORECARD_MIN_COVERAGE`` of the weights) gives no score at all, never a 0."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from joud.transparency.indicators import GROUPS, REGISTRY, Context, Indicator, Reading

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Part:
    indicator: Indicator
    reading: Reading

    @property
    def weight(self) -> int:
        return self.indicator.weight

    @property
    def measured(self) -> bool:
        return self.reading.mark is not None and self.weight > 0

    @property
    def points(self) -> Decimal:
        return self.reading.mark * self.weight if self.measured else Decimal(0)

    @property
    def lost(self) -> Decimal:
        return self.weight - self.points if self.measured else Decimal(0)


@dataclass(frozen=True)
class Card:
    score: int | None  # None: not enough data
    coverage: Decimal  # share of the weights that could be measured
    parts: list[Part]

    @property
    def enough_data(self) -> bool:
        return self.score is not None

    def groups(self) -> list[tuple[str, list[Part]]]:
        return [(g, [p for p in self.parts if p.indicator.group == g]) for g in GROUPS]

    def to_raise(self, limit: int = 3) -> list[Part]:
        """The measured indicators that lost the most points, most first."""
        lost = [p for p in self.parts if p.measured and p.lost > 0]
        return sorted(lost, key=lambda p: (-p.lost, p.indicator.code))[:limit]

    def as_json(self) -> dict:
        return {
            p.indicator.code: {
                "value": None if p.reading.value is None else str(p.reading.value),
                "mark": None
                if p.reading.mark is None
                else str(p.reading.mark.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)),
                "weight": p.weight,
                "facts": {k: str(v) for k, v in p.reading.facts.items()},
            }
            for p in self.parts
        }


def score_parts(parts: list[Part]) -> tuple[int | None, Decimal]:
    total = sum(p.weight for p in parts if p.weight > 0)
    measured = sum(p.weight for p in parts if p.measured)
    coverage = Decimal(measured) / total if total else Decimal(0)
    if not measured or coverage < settings.JOUD_SCORECARD_MIN_COVERAGE:
        return None, coverage
    earned = sum((p.points for p in parts), Decimal(0))
    score = (earned * HUNDRED / measured).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(score), coverage


def scorecard_compute(organization, *, today: dt.date, histories: dict | None = None) -> Card:
    """``histories``: the organizations' ``FundHistory`` read beforehand in one pass."""
    ctx = Context(organization=organization, today=today, histories=histories)
    parts = [Part(ind, ind.compute(ctx)) for ind in ordered_indicators()]
    score, coverage = score_parts(parts)
    return Card(score=score, coverage=coverage, parts=parts)


def ordered_indicators() -> list[Indicator]:
    return sorted(REGISTRY.values(), key=lambda i: GROUPS.index(i.group))


def percentile(score: int | None, others: list[int]) -> int | None:
    """The share of the other organizations of the same kind with a lower score, × 100 (ties
    count half). None without a score or without another organization to compare with."""
    if score is None or not others:
        return None
    below = sum(1 for s in others if s < score)
    equal = sum(1 for s in others if s == score)
    value = (Decimal(below) + Decimal(equal) / 2) * HUNDRED / len(others)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
