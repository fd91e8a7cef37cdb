"""Scoring a pair of records: every field is evidence, weighed on one scale (log2 odds).

Agreement adds log2(m/u), where u (the chance two different people agree by accident) comes from
how common the value is; disagreement subtracts. Only two things are decisive (``VETO``): a pair a
reviewer called "different people", and two members of one case. Everything else can be
outweighed: a wrongly entered sex (``sex_disagree``), a civil ID that differs (``civil_disagree``;
one digit off, or a guardian's ID on a child's record, counts as unknown), a birth date off by a
year or defaulted to 1 January, a given name with a typo or another spelling. Two real given names
(twins محمد/أحمد, brothers حسن/حسين) stay a heavy disagreement that only an agreeing civil ID can
outweigh; names alone, without an agreeing birth date, phone or civil ID, never reach the threshold.

Mixed into ``Detector``, whose frequency tables (``given_counts``…) and weights (``w``) it reads.
"""

from __future__ import annotations

import math
from collections import Counter

from rapidfuzz.distance import OSA, JaroWinkler

from joud.beneficiaries.matching.evidence import (
    DIFFERENT,
    NICKNAME,
    NICKNAMES,
    REAL_GIVEN,
    TYPO,
    VARIANT,
    given_relation,
    sex_of_name,
    variant_form,
)
from joud.beneficiaries.matching.records import VETO, PersonRecord, _Prep, pair_key

EQUAL, SWAPPED, NONE, FAR = 10, 11, 12, 13  # given-name outcomes beside evidence's relations
FIELDS = ("given", "father", "grandfather", "family", "sex", "birth_date", "phone", "civil_id")


class Scoring:
    """Pair scores and their explanation, field by field."""

    _bounds: tuple | None = None  # (weights, the most the fields after the given name can add…)

    # --- names -------------------------------------------------------------------------------

    def _name_weight(self, counts: Counter, value: str, cap: float) -> float:
        # u: chance that two different people share this value. A prior of 1/400 keeps weights
        # sane on a small population (a new association's first cases).
        u = (counts.get(value, 0) + 50 / 400) / (self.total + 50)
        return max(0.5, min(cap, math.log2(0.95 / u)))

    def _slot_weight(self, slot: int, value: str) -> float:
        if self._weights_total != self.total:
            self._weights_cache.clear()
            self._relation_cache.clear()
            self._weights_total = self.total
        key = (slot, value)
        weight = self._weights_cache.get(key)
        if weight is None:
            counts = (self.given_counts, self.male_counts, self.male_counts, self.family_counts)
            w = self.w
            cap = (w.given_max, w.father_max, w.grandfather_max, w.family_max)[slot]
            weight = self._weights_cache[key] = self._name_weight(counts[slot], value, cap)
        return weight

    def _is_real_given(self, name: str) -> bool:
        return name in REAL_GIVEN or self.given_counts.get(name, 0) >= max(20, self.total / 5000)

    def _compare_name(self, slot: int, a: _Prep, b: _Prep) -> float:
        x, y = a.names[slot], b.names[slot]
        if not x or not y:
            return 0.0
        if x == y:  # the common case: the tables do not change while finding (``add`` empties)
            weight = self._weights_cache.get((slot, x))
            return weight if weight is not None else self._slot_weight(slot, x)
        w = self.w
        disagree = (w.given_disagree, w.father_disagree, w.grandfather_disagree, w.family_disagree)
        la, lb = a.latin[slot], b.latin[slot]
        if la or lb:
            # One side (or both) is a Latin spelling we could not map: trust the skeleton only.
            ka, kb = a.keys[slot], b.keys[slot]
            if ka == kb:
                return 0.7 * self._slot_weight(slot, x if not la else y)
            if JaroWinkler.similarity(ka, kb) >= 0.88:
                return 0.0
            return w.given_cross_script_disagree if slot == 0 else disagree[slot] / 2
        if slot > 0 and len(x) >= 4 and JaroWinkler.similarity(x, y) >= 0.92:
            return 0.5 * self._slot_weight(slot, x)  # a typo in a long name
        return disagree[slot]

    def _compare_given(self, a: _Prep, b: _Prep) -> tuple[float, float, int]:
        """(score, score if a typo is confirmed by birth date and phone/civil ID, outcome)."""
        x, y = a.names[0], b.names[0]
        if not x or not y:
            return 0.0, 0.0, NONE
        if x == y:
            s = self._slot_weight(0, x)
            return s, s, EQUAL
        fa, fb = a.names[1], b.names[1]
        if (
            fa
            and fb
            and x != fa
            and (x[:1] == fb[:1] or y[:1] == fa[:1] or a.latin[0] or b.latin[0])
            and _same(a, 0, b, 1)
            and _same(a, 1, b, 0)
        ):
            # given and father written the other way round
            s = self.w.given_swapped * (self._slot_weight(0, x) + self._slot_weight(1, y))
            return s, s, SWAPPED
        if a.latin[0] or b.latin[0]:
            s = self._compare_name(0, a, b)
            return s, s, EQUAL if s > 0 else DIFFERENT
        key = (x, y) if x < y else (y, x)
        rel = self._relation_cache.get(key)
        if rel is None:
            rel = given_relation(x, y, self._is_real_given)
            if rel == DIFFERENT and OSA.distance(x, y, score_cutoff=1) > 1:
                rel = FAR  # not even one letter apart: no sex slip can make it a typo
            self._relation_cache[key] = rel
        w = self.w
        if rel == FAR:
            return w.given_disagree, w.given_disagree, DIFFERENT
        if rel == DIFFERENT:
            sex_a, sex_b = a.rec.sex, b.rec.sex
            if not (sex_a or sex_b) or not (
                _sex_contradicts(x, sex_a or sex_b) or _sex_contradicts(y, sex_b or sex_a)
            ):
                return w.given_disagree, w.given_disagree, DIFFERENT
            rel = TYPO  # a woman recorded as «سعد»: a typo of «سعاد», not another name
        weight = max(self._slot_weight(0, x), self._slot_weight(0, y))
        if rel == VARIANT:
            return w.given_variant * weight, w.given_variant * weight, rel
        if rel == NICKNAME:  # a listed nickname: nearly as good as the name itself
            return w.given_nickname * weight, w.given_nickname * weight, rel
        return w.given_typo_unconfirmed, w.given_typo_confirmed * weight, TYPO

    # --- other fields ------------------------------------------------------------------------

    def _compare_dob(self, a: _Prep, b: _Prep) -> tuple[float, bool]:
        """(score, whether it corroborates the names). Unknown is neither for nor against."""
        ya, yb = a.year, b.year
        if not ya or not yb:
            return 0.0, False
        w = self.w
        ma, mb, da, db = a.month, b.month, a.day, b.day
        if ma == 1 and da == 1 and not (mb == 1 and db == 1):
            ma = da = None  # 1 January: a default, the day is unknown
        elif mb == 1 and db == 1 and not (ma == 1 and da == 1):
            mb = db = None
        full = ma and mb and da and db
        if ya != yb:
            if abs(ya - yb) > 1:
                return w.dob_year_far, False
            if full:
                if ma == mb and da == db:
                    return w.dob_year_typo, True  # the year mistyped
                return w.dob_full_differs, False
            return w.dob_year_close, False
        if not full:
            if ma and mb and ma != mb:
                return w.dob_same_year_differs, False
            return w.dob_year_only, True
        if ma == mb and da == db:
            return w.dob_exact, True
        if ma == db and da == mb:
            return w.dob_swapped, True
        if ma == mb:
            return w.dob_day_differs, False
        return w.dob_same_year_differs, False

    def _compare_civil(self, a: _Prep, b: _Prep) -> tuple[float, int]:
        """(score, 1 agree / 0 unknown / 2 one digit off / -1 differ)."""
        if not a.civil or not b.civil:
            return 0.0, 0
        if a.civil == b.civil:
            return self.w.civil_agree, 1
        if a.near and b.near and not a.near.isdisjoint(b.near):
            return self.w.civil_near, 2
        return self.w.civil_disagree, -1

    def _compare_phone(self, ra: PersonRecord, rb: PersonRecord) -> float:
        if not ra.phone_hash or not rb.phone_hash:
            return 0.0
        if ra.phone_hash != rb.phone_hash:
            return self.w.phone_disagree
        n = max(self.phone_counts.get(ra.phone_hash, 1), 2) - 1
        return max(0.5, self.w.phone_max - 1.5 * math.log2(n))

    # --- the pair ----------------------------------------------------------------------------

    def score(self, a: _Prep, b: _Prep, cut: float | None = None) -> float:
        """The pair's score. With ``cut``, stop early (returning something below ``cut``) as
        soon as the remaining fields cannot lift the score to it."""
        return self._score(a, b, cut)[0]

    def _score(self, a: _Prep, b: _Prep, cut: float | None = None, parts: dict | None = None):
        ra, rb = a.rec, b.rec
        w = self.w
        pk = None
        if self.not_duplicates or self.confirmed:
            pk = pair_key(ra.id, rb.id)
            if pk in self.not_duplicates:
                return VETO, None
        if ra.case and ra.case == rb.case:
            return VETO, None
        civil, civil_state = self._compare_civil(a, b)
        sex = 0.0
        if ra.sex and rb.sex and ra.sex != rb.sex:
            # The name says which form is wrong (سالم entered as a woman): a slip, not evidence.
            named = sex_of_name(a.names[0]) or sex_of_name(b.names[0])
            sex = w.sex_slip if named and named in (ra.sex, rb.sex) else w.sex_disagree
        given, given_ok, outcome = self._compare_given(a, b)
        s = civil + sex + given
        early = cut is not None and pk is None and parts is None
        bounds = self._bounds
        if bounds is None or bounds[0] is not w:
            bounds = self._bounds = (w, self._rest_max, self._dob_phone_max)
        if early and s + bounds[1] + (given_ok - given) < cut:
            return s, outcome
        father = 0.0 if outcome == SWAPPED else self._compare_name(1, a, b)
        grandfather = self._compare_name(2, a, b)
        family = self._compare_name(3, a, b)
        s += father + grandfather + family
        if early and s + bounds[2] + (given_ok - given) < cut:
            return s, outcome
        dob, dob_ok = self._compare_dob(a, b)
        phone = self._compare_phone(ra, rb)
        wilayat = 0.0
        if ra.wilayat and rb.wilayat:
            wilayat = w.wilayat_agree if ra.wilayat == rb.wilayat else w.wilayat_disagree
        s += dob + phone + wilayat
        if outcome == TYPO and dob_ok:
            if phone > 0 or civil_state == 1:  # birth date and a phone or civil ID agree
                s += given_ok - given
                given = given_ok
            elif dob >= w.dob_swapped:  # a full birth date agrees: the typo weighs nothing
                s -= given
                given = 0.0
        if not (dob_ok or phone > 0 or civil_state == 1):
            s = min(s, w.threshold - w.uncorroborated_gap)
        if pk is not None and pk in self.confirmed:
            s = max(s, w.threshold + 1)
        if parts is not None:
            parts.update(
                given=(given, outcome),
                father=(father, None),
                grandfather=(grandfather, None),
                family=(family, None),
                sex=(sex, None),
                birth_date=(dob, dob_ok),
                phone=(phone, None),
                civil_id=(civil, civil_state),
                wilayat=(wilayat, None),
            )
        return s, outcome

    @property
    def _dob_phone_max(self) -> float:
        w = self.w
        return w.dob_exact + w.phone_max + w.wilayat_agree

    @property
    def _rest_max(self) -> float:
        w = self.w
        return w.father_max + w.grandfather_max + w.family_max + self._dob_phone_max

    def explain(self, a: PersonRecord, b: PersonRecord) -> dict:
        """Each field's contribution to a pair's score, on the score's scale (for reviewers; no
        personal data): {"fields": {field: {"weight", "state"}}, "score", "threshold"}."""
        pa, pb = self._prep_of(a), self._prep_of(b)
        parts: dict = {}
        total, _ = self._score(pa, pb, parts=parts)
        fields = {}
        for name, (weight, detail) in parts.items():
            fields[name] = {"weight": round(weight, 1), "state": _state(name, weight, detail)}
        return {"fields": fields, "score": round(total, 1), "threshold": self.w.threshold}

    def score_records(self, a: PersonRecord, b: PersonRecord) -> float:
        return self.score(self._prep_of(a), self._prep_of(b))

    def _prep_of(self, rec: PersonRecord) -> _Prep:
        prep = self.by_id.get(rec.id)
        return prep if prep is not None and prep.rec is rec else _Prep(-1, rec)


def _sex_contradicts(name: str, sex: str) -> bool:
    named = sex_of_name(name)
    return bool(sex and named and named != sex)


def _same(a: _Prep, i: int, b: _Prep, j: int) -> bool:
    """Slot ``i`` of ``a`` and slot ``j`` of ``b`` hold one name (spelling variants, scripts)."""
    x, y = a.names[i], b.names[j]
    if x == y:
        return True
    if a.latin[i] or b.latin[j]:
        return a.keys[i] == b.keys[j]
    vx, vy = variant_form(x), variant_form(y)
    return vx == vy or NICKNAMES.get(vx) == vy or NICKNAMES.get(vy) == vx


def _state(name: str, weight: float, detail) -> str:
    """agree / variant / typo / nickname / swapped / differ / strong_differ / one_digit / unknown."""
    if name == "given" and detail in (VARIANT, TYPO, NICKNAME, SWAPPED):
        return {VARIANT: "variant", TYPO: "typo", NICKNAME: "nickname", SWAPPED: "swapped"}[detail]
    if name == "civil_id" and detail == 2:
        return "one_digit"
    if weight > 0:
        return "agree"
    if weight == 0:
        return "unknown"
    return "strong_differ" if weight <= -7 else "differ"


__all__ = ["DIFFERENT", "EQUAL", "FIELDS", "NONE", "SWAPPED", "Scoring"]
