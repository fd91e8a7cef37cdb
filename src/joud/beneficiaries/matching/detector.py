"""Duplicate detection: blocking, frequency-weighted scoring, and grouping that does not chain.

Scoring (``scoring``) follows Fellegi–Sunter: every field adds log2(m/u) when it agrees and a
penalty when it disagrees, where u (the chance two different people agree by accident) comes from
how common the value is in the data itself: two «محمد» agreeing says little, two «هيثم» says much.
Disagreements are evidence, not vetoes (a wrong sex, a civil ID, a given name with a typo can be
outweighed), except a pair a reviewer already called "not the same person".

Grouping (``grouping``): links above the threshold form components, re-clustered so that one
bridging record cannot chain strangers together. The records, weights and results are in
``records``; learning the threshold from reviewers is in ``calibration``.

Everything here is pure Python over ``PersonRecord`` objects; ``joud.beneficiaries.services``
feeds it from the database and ``joud.beneficiaries.evaluation`` from the synthetic generator.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from joud.beneficiaries.matching.calibration import calibrate_threshold
from joud.beneficiaries.matching.grouping import Grouping
from joud.beneficiaries.matching.parallel import can_fork, score_in_workers
from joud.beneficiaries.matching.records import (
    VETO,
    DetectionResult,
    Link,
    PersonRecord,
    Weights,
    _Prep,
    pair_key,
)
from joud.beneficiaries.matching.scoring import Scoring

__all__ = [
    "VETO",
    "DetectionResult",
    "Detector",
    "Link",
    "PersonRecord",
    "Weights",
    "calibrate_threshold",
    "pair_key",
    "record_block_keys",
]


class Detector(Scoring, Grouping):
    """Fit on a population (frequency tables and blocks), then find or check duplicates."""

    BLOCK_CAP = 30  # larger blocks are walked with a sorted window instead of all pairs
    WINDOW = 10

    def __init__(
        self,
        weights: Weights | None = None,
        *,
        not_duplicates: Iterable[tuple[int, int]] = (),
        confirmed_duplicates: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.w = weights or Weights()
        self.not_duplicates = {pair_key(*p) for p in not_duplicates}
        self.confirmed = {pair_key(*p) for p in confirmed_duplicates}
        self.preps: list[_Prep] = []
        self.by_id: dict[int, _Prep] = {}
        self.blocks: dict[tuple, list[int]] = defaultdict(list)
        self.given_counts: Counter = Counter()
        self.male_counts: Counter = Counter()
        self.family_counts: Counter = Counter()
        self.phone_counts: Counter = Counter()
        self.total = 0
        # This detector's own (one per run or check, never shared): emptied when its tables change.
        self._weights_cache: dict[tuple[int, str], float] = {}
        self._relation_cache: dict[tuple[str, str], int] = {}
        self._weights_total = -1
        self._case_civil: dict[tuple, _Prep] = {}

    # --- fitting -----------------------------------------------------------------------------

    def fit(self, records: Iterable[PersonRecord]) -> Detector:
        for rec in records:
            self.add(rec)
        return self

    def add(self, rec: PersonRecord) -> _Prep:
        prep = _Prep(len(self.preps), rec)
        self.preps.append(prep)
        self.by_id[rec.id] = prep
        given, father, grandfather, family = prep.names
        if given:
            self.given_counts[given] += 1
        for name in (father, grandfather):
            if name:
                self.male_counts[name] += 1
        if family:
            self.family_counts[family] += 1
        if rec.phone_hash:
            self.phone_counts[rec.phone_hash] += 1
        if rec.civil_hash and rec.case:
            self._guardian_check(prep)
        self.total += 1
        if self._weights_cache:
            self._weights_cache.clear()
        for key in self._block_keys(prep):
            self.blocks[key].append(prep.idx)
        return prep

    def _guardian_check(self, prep: _Prep) -> None:
        """One civil ID on two members of one case: the younger carries a guardian's ID, which
        says nothing about them (their civil ID counts as unknown)."""
        key = (prep.rec.case, prep.rec.civil_hash)
        other = self._case_civil.get(key)
        if other is None:
            self._case_civil[key] = prep
            return
        if (prep.year or 9999) >= (other.year or 9999):
            prep.civil = ""
        else:
            other.civil = ""
            self._case_civil[key] = prep

    def _mark_shared_civil(self) -> None:
        """A civil ID on records born far apart (a child registered under a guardian's ID on
        another form): it says nothing about the younger ones."""
        by_civil: dict[str, list[_Prep]] = defaultdict(list)
        for prep in self.preps:
            if prep.civil:
                by_civil[prep.civil].append(prep)
        for holders in by_civil.values():
            years = [p.year for p in holders if p.year]
            if len(holders) < 2 or not years:
                continue
            oldest = min(years)
            for p in holders:
                if p.year and p.year - oldest >= 14:
                    p.civil = ""

    def load_statistics(self, stats: dict) -> None:
        """Use frequency tables computed elsewhere (the nightly run) for on-entry checks."""
        self.given_counts = Counter(stats.get("given", {}))
        self.male_counts = Counter(stats.get("male", {}))
        self.family_counts = Counter(stats.get("family", {}))
        self.total = max(int(stats.get("total", 0)), self.total)
        self._weights_cache.clear()

    def statistics(self) -> dict:
        return {
            "given": dict(self.given_counts),
            "male": dict(self.male_counts),
            "family": dict(self.family_counts),
            "total": self.total,
        }

    @staticmethod
    def _block_keys(p: _Prep) -> list[tuple]:
        rec = p.rec
        kg, kf, _kgf, km = p.keys
        keys: list[tuple] = []
        if rec.civil_hash:
            keys.append(("c", rec.civil_hash))
        if rec.phone_hash:
            keys.append(("p", rec.phone_hash))
        if kg:
            if p.year:
                keys.append(("gy", kg, p.year))
            if kf:  # either order: given and father are sometimes written the other way round
                keys.append(("gf", *sorted((kg, kf))))
            if km:
                keys.append(("gm", kg, km))
        if kf and km and p.year:  # a typo or nickname in the given name
            keys.append(("fmy", kf, km, p.year))
        return keys

    block_keys = _block_keys

    # --- finding -----------------------------------------------------------------------------

    def candidate_pairs(self) -> Iterable[tuple[int, int]]:
        seen: set[int] = set()
        n = len(self.preps) + 1
        for key, members in self.blocks.items():
            if len(members) < 2:
                continue
            if len(members) <= self.BLOCK_CAP:
                iterable = (
                    (members[i], members[j])
                    for i in range(len(members))
                    for j in range(i + 1, len(members))
                )
            else:
                ordered = sorted(members, key=self._window_order(key[0]))
                iterable = (
                    (ordered[i], ordered[j])
                    for i in range(len(ordered))
                    for j in range(i + 1, min(i + 1 + self.WINDOW, len(ordered)))
                )
            for i, j in iterable:
                code = i * n + j if i < j else j * n + i
                if code in seen:
                    continue
                seen.add(code)
                yield i, j

    def _window_order(self, kind: str):
        """Sort key for walking an oversized block: the fields the block key does not fix,
        so records that agree on them sit next to each other (multi-pass sorted neighbourhood)."""
        preps = self.preps
        if kind == "gf":  # given + father fixed: order by birth year, then family name
            return lambda i: (preps[i].year or 0, preps[i].names[3], preps[i].names[2])
        if kind == "fmy":  # father, family and year fixed: order by birth date, grandfather
            return lambda i: (preps[i].month or 0, preps[i].day or 0, preps[i].names[2])
        if kind == "gm":  # given + family fixed: order by father, then birth year
            return lambda i: (preps[i].names[1], preps[i].year or 0)
        return lambda i: (preps[i].names[1], preps[i].names[3], preps[i].names[2])

    def find(self, *, workers: int = 1) -> DetectionResult:
        """Score every candidate pair and group the links; with ``workers`` > 1 the pairs are
        scored in that many forked processes, with the same result (``parallel``)."""
        self._mark_shared_civil()
        if workers > 1 and can_fork():
            links, pairs = score_in_workers(self, workers)
        else:
            links, pairs = self._score_all()
        groups = self.group(links)
        return DetectionResult(links=links, groups=groups, candidate_pairs=pairs)

    def _score_all(self) -> tuple[list[Link], int]:
        links: list[Link] = []
        pairs = 0
        preps = self.preps
        threshold = self.w.threshold
        for i, j in self.candidate_pairs():
            pairs += 1
            s = self._score(preps[i], preps[j], threshold)[0]
            if s >= threshold:
                links.append(Link(preps[i].rec.id, preps[j].rec.id, s))
        return links, pairs

    def check(self, rec: PersonRecord, *, exclude_ids: Iterable[int] = ()) -> list[Link]:
        """Score one (new) record against the fitted population through the blocks."""
        prep = _Prep(-1, rec)
        excluded = set(exclude_ids) | {rec.id}
        seen: set[int] = set()
        links = []
        for key in self._block_keys(prep):
            for idx in self.blocks.get(key, ()):
                other = self.preps[idx]
                if idx in seen or other.rec.id in excluded:
                    continue
                seen.add(idx)
                s = self.score(prep, other)
                if s >= self.w.threshold:
                    links.append(Link(rec.id, other.rec.id, s))
        links.sort(key=lambda link: -link.score)
        return links


def record_block_keys(rec: PersonRecord) -> list[tuple]:
    """The blocking keys of one record, as ``Detector.add`` files it (stored for entry checks)."""
    return Detector.block_keys(_Prep(-1, rec))
