"""Pairwise precision, recall and F1 of a grouping against the ground truth.

Counted after grouping: every pair inside a predicted group is a predicted duplicate, so a group
that chains two strangers together is charged for every wrong pair it creates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PairScore:
    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.actual if self.actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score_groups(groups: Iterable[Iterable[int]], truth: dict[int, int]) -> PairScore:
    """``groups``: predicted groups of record ids; ``truth``: record id -> entity id."""
    predicted = tp = 0
    for group in groups:
        members = list(group)
        predicted += _pairs(len(members))
        tp += sum(_pairs(c) for c in Counter(truth[m] for m in members).values())
    actual = sum(_pairs(c) for c in Counter(truth.values()).values())
    return PairScore(true_positives=tp, predicted=predicted, actual=actual)
