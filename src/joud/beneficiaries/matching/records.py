"""What the detector compares: a person as registered, the weights, and the results.

``PersonRecord`` is what callers fill in (the database rows in ``joud.beneficiaries.services``,
the synthetic generator in ``joud.beneficiaries.evaluation``); ``_Prep`` is a record reduced to
what comparing needs, computed once per record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from joud.beneficiaries.matching.normalize import NameParts, is_latin, phonetic_key, split_name

VETO = -40.0  # a decisive disagreement: never in the same group (a reviewer said so, one case)


@dataclass
class PersonRecord:
    """One person as an association registered them. Identifiers arrive already hashed."""

    id: int
    organization: int | str = 0
    full_name: str = ""
    given: str = ""
    father: str = ""
    grandfather: str = ""
    family: str = ""
    sex: str = ""  # "m", "f" or ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    phone_hash: str = ""
    civil_hash: str = ""
    civil_near: tuple[str, ...] = ()  # hashes of ``evidence.civil_id_variants``: one digit off
    wilayat: int | str = ""
    case: int | str = ""  # members of one case are different people by construction


@dataclass
class Weights:
    """Tunable weights; ``threshold`` is where a pair becomes a suspected duplicate."""

    threshold: float = 9.0
    given_max: float = 7.0
    father_max: float = 6.0
    grandfather_max: float = 5.0
    family_max: float = 5.0
    given_disagree: float = -25.0  # two real names (twins محمد/أحمد, brothers حسن/حسين)
    given_variant: float = 0.9  # share of the name's weight: عايشه/عيشه
    given_nickname: float = 0.7  # share of the name's weight: فطوم for فاطمه
    given_typo_confirmed: float = 0.6  # share, when birth date and phone or civil ID agree
    given_typo_unconfirmed: float = -3.0
    given_swapped: float = 0.8  # given and father written the other way round: share of both
    given_cross_script_disagree: float = -6.0
    father_disagree: float = -8.0
    grandfather_disagree: float = -4.0
    family_disagree: float = -4.0
    dob_exact: float = 7.0
    dob_swapped: float = 4.5
    dob_year_only: float = 2.5  # same year, a day or month unknown or defaulted to 1 January
    dob_year_typo: float = -1.0  # same day and month, the year one off
    dob_same_year_differs: float = -7.0
    dob_day_differs: float = -3.0  # same year and month: a mistyped day
    dob_year_close: float = -1.5
    dob_year_far: float = -10.0
    dob_full_differs: float = -6.0
    phone_max: float = 6.0
    phone_disagree: float = -1.0
    civil_agree: float = 16.0
    civil_near: float = 0.0  # one digit off: a typo, or siblings' consecutive numbers
    civil_disagree: float = -9.0  # strong, but outweighed by overwhelming agreement
    sex_disagree: float = -8.0
    sex_slip: float = -1.0  # one side's sex contradicts the given name's
    wilayat_agree: float = 0.5
    wilayat_disagree: float = -1.5
    # Names alone never make a duplicate: without a birth date, phone or civil ID that agrees,
    # a pair stays this far below the threshold (namesakes in another wilayat).
    uncorroborated_gap: float = 0.5

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


class _Prep:
    """A record reduced to what comparing needs (canonical names, phonetic keys, dob)."""

    __slots__ = (
        "civil",
        "day",
        "idx",
        "keys",
        "latin",
        "month",
        "names",
        "near",
        "rec",
        "year",
    )

    def __init__(self, idx: int, rec: PersonRecord) -> None:
        self.idx = idx
        self.rec = rec
        parts: NameParts = split_name(
            rec.full_name,
            given=rec.given,
            father=rec.father,
            grandfather=rec.grandfather,
            family=rec.family,
        )
        self.names = parts.as_tuple()
        self.latin = tuple(bool(n) and is_latin(n) for n in self.names)
        self.keys = tuple(phonetic_key(n) for n in self.names)
        self.year = rec.birth_year
        self.month = rec.birth_month
        self.day = rec.birth_day
        self.civil = rec.civil_hash  # emptied when it is a guardian's (``Detector.add``)
        self.near = frozenset(rec.civil_near)


@dataclass
class Link:
    a: int  # record ids
    b: int
    score: float


@dataclass
class DetectionResult:
    links: list[Link]
    groups: list[list[int]]  # record ids, only groups of two or more
    candidate_pairs: int
    stats: dict = field(default_factory=dict)


def pair_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
