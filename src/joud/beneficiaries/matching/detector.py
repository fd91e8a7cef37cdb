"""Duplicate detection: blocking, frequency-weighted scoring, and grouping that does not chain.

Scoring follows Fellegi–Sunter: every field adds log2(m/u) when it agrees and a penalty when it
disagrees, where u (the chance two different people agree by accident) comes from how common the
value is in the data itself: two «محمد» agreeing says little, two «هيثم» says much. Some
disagreements are (nearly) decisive: two different Arabic given names (twins محمد/أحمد, brothers
حسن/حسين), different civil-ID hashes, different sexes, a pair a reviewer already called "not the
same person".

Grouping (``grouping``): links above the threshold form components, re-clustered so that one
bridging record cannot chain strangers together. The records, weights and results are in
``records``; learning the threshold from reviewers is in ``calibration``.

Everything here is pure Python over ``PersonRecord`` objects; ``joud.beneficiaries.services``
feeds it from the database and ``joud.beneficiaries.evaluation`` from the synthetic generator.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import JaroWinkler

from joud.beneficiaries.matching.calibration import calibrate_threshold
from joud.beneficiaries.matching.grouping import Grouping
from joud.beneficiaries.matching.records import (
    VETO,
    DetectionResult,
    Link,
    PersonRecord,
    Weights,
    _Prep,
    pair_key,
)

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


class Detector(Grouping):
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
        self._weights_total = -1

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
        self.total += 1
        for key in self._block_keys(prep):
            self.blocks[key].append(prep.idx)
        return prep

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
            if kf:
                keys.append(("gf", kg, kf))
            if km:
                keys.append(("gm", kg, km))
        return keys

    block_keys = _block_keys

    # --- scoring -----------------------------------------------------------------------------

    def _name_weight(self, counts: Counter, value: str, cap: float) -> float:
        # u: chance that two different people share this value. A prior of 1/400 keeps weights
        # sane on a small population (a new association's first cases).
        u = (counts.get(value, 0) + 50 / 400) / (self.total + 50)
        return max(0.5, min(cap, math.log2(0.95 / u)))

    def _compare_name(self, slot: int, a: _Prep, b: _Prep) -> float:
        x, y = a.names[slot], b.names[slot]
        if not x or not y:
            return 0.0
        if x == y:  # the common case, cached: the tables do not change while finding
            key = (slot, x)
            weight = self._weights_cache.get(key)
            if weight is None or self._weights_total != self.total:
                if self._weights_total != self.total:
                    self._weights_cache.clear()
                    self._weights_total = self.total
                counts = (self.given_counts, self.male_counts, self.male_counts, self.family_counts)
                caps = (self.w.given_max, self.w.father_max, self.w.grandfather_max)
                cap = caps[slot] if slot < 3 else self.w.family_max
                weight = self._weights_cache[key] = self._name_weight(counts[slot], x, cap)
            return weight
        w = self.w
        counts = (self.given_counts, self.male_counts, self.male_counts, self.family_counts)[slot]
        cap = (w.given_max, w.father_max, w.grandfather_max, w.family_max)[slot]
        if x == y:
            return self._name_weight(counts, x, cap)
        disagree = (w.given_disagree, w.father_disagree, w.grandfather_disagree, w.family_disagree)[
            slot
        ]
        la, lb = a.latin[slot], b.latin[slot]
        if la or lb:
            # One side (or both) is a Latin spelling we could not map: trust the skeleton only.
            ka, kb = a.keys[slot], b.keys[slot]
            if ka == kb:
                return 0.7 * self._name_weight(counts, x if not la else y, cap)
            if JaroWinkler.similarity(ka, kb) >= 0.88:
                return 0.0
            return w.given_cross_script_disagree if slot == 0 else disagree / 2
        if slot == 3 and len(x) >= 4 and JaroWinkler.similarity(x, y) >= 0.92:
            return 0.5 * self._name_weight(counts, x, cap)  # a typo in a long family name
        return disagree

    def _compare_dob(self, a: _Prep, b: _Prep) -> float:
        ya, yb = a.year, b.year
        if not ya or not yb:
            return 0.0
        w = self.w
        ma, mb, da, db = a.month, b.month, a.day, b.day
        if ya != yb:
            if abs(ya - yb) > 1:
                return w.dob_year_far
            if ma and mb and da and db and not (ma == mb and da == db):
                return w.dob_full_differs  # two full dates that differ in every part
            return w.dob_year_close
        if not ma or not mb or not da or not db:
            if ma and mb and ma != mb:
                return w.dob_same_year_differs
            return w.dob_year_only
        if ma == mb and da == db:
            return w.dob_exact
        if ma == db and da == mb:
            return w.dob_swapped
        return w.dob_same_year_differs

    def score(self, a: _Prep, b: _Prep, cut: float | None = None) -> float:
        """The pair's score. With ``cut``, stop early (returning something below ``cut``) as
        soon as the remaining fields cannot lift the score to it: the batch run only needs to
        know which pairs clear the threshold."""
        ra, rb = a.rec, b.rec
        w = self.w
        pk = None
        if self.not_duplicates or self.confirmed:
            pk = pair_key(ra.id, rb.id)
            if pk in self.not_duplicates:
                return VETO
        if ra.case and ra.case == rb.case:
            return VETO
        if ra.civil_hash and rb.civil_hash:
            if ra.civil_hash != rb.civil_hash:
                return w.civil_disagree
            civil = w.civil_agree
        else:
            civil = 0.0
        if ra.sex and rb.sex and ra.sex != rb.sex:
            return w.sex_disagree
        s = civil + self._compare_name(0, a, b)
        if s <= VETO / 2:
            return s
        s += self._compare_name(1, a, b)
        s += self._compare_name(2, a, b)
        s += self._compare_name(3, a, b)
        if cut is not None and pk is None and s + self._rest_max < cut:
            return s
        s += self._compare_dob(a, b)
        if ra.phone_hash and rb.phone_hash:
            if ra.phone_hash == rb.phone_hash:
                n = max(self.phone_counts.get(ra.phone_hash, 1), 2) - 1
                s += max(0.5, w.phone_max - 1.5 * math.log2(n))
            else:
                s += w.phone_disagree
        if ra.wilayat and rb.wilayat:
            s += w.wilayat_agree if ra.wilayat == rb.wilayat else w.wilayat_disagree
        if pk is not None and pk in self.confirmed:
            s = max(s, w.threshold + 1)
        return s

    @property
    def _rest_max(self) -> float:
        w = self.w
        return w.dob_exact + w.phone_max + w.wilayat_agree

    def explain(self, a: PersonRecord, b: PersonRecord) -> dict[str, float]:
        """Each field's contribution to a pair's score (for reviewers; no personal data)."""
        pa, pb = self._prep_of(a), self._prep_of(b)
        out = {
            slot: round(self._compare_name(k, pa, pb), 1)
            for k, slot in enumerate(("given", "father", "grandfather", "family"))
        }
        out["birth_date"] = round(self._compare_dob(pa, pb), 1)
        out["phone"] = float(bool(a.phone_hash and a.phone_hash == b.phone_hash))
        out["civil_id"] = float(bool(a.civil_hash and a.civil_hash == b.civil_hash))
        out["wilayat"] = float(bool(a.wilayat and a.wilayat == b.wilayat))
        return out

    def score_records(self, a: PersonRecord, b: PersonRecord) -> float:
        return self.score(self._prep_of(a), self._prep_of(b))

    def _prep_of(self, rec: PersonRecord) -> _Prep:
        prep = self.by_id.get(rec.id)
        return prep if prep is not None and prep.rec is rec else _Prep(-1, rec)

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
        if kind == "gm":  # given + family fixed: order by father, then birth year
            return lambda i: (preps[i].names[1], preps[i].year or 0)
        return lambda i: (preps[i].names[1], preps[i].names[3], preps[i].names[2])

    def find(self) -> DetectionResult:
        links: list[Link] = []
        pairs = 0
        preps = self.preps
        threshold = self.w.threshold
        for i, j in self.candidate_pairs():
            pairs += 1
            s = self.score(preps[i], preps[j], cut=threshold)
            if s >= threshold:
                links.append(Link(preps[i].rec.id, preps[j].rec.id, s))
        groups = self.group(links)
        return DetectionResult(links=links, groups=groups, candidate_pairs=pairs)

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
