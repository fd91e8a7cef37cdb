"""What the detector compares: a person as registered, the weights, and the results.

``PersonRecord`` is what callers fill in (the database rows in ``joud.beneficiaries.services``,
the synthetic generator in ``joud.beneficiaries.evaluation``); ``_Prep`` is a record reduced to
what comparing needs, computed once per record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from joud.beneficiaries.matching.normalize import NameParts, is_latin, phonetic_key, split_name

VETO = -40.0  # a decisive disagreement: never in the same group


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
    wilayat: int | str = ""
    case: int | str = ""  # members of one case are different people by construction


@dataclass
class Weights:
    """Tunable weights; ``threshold`` is where a pair becomes a suspected duplicate."""

    threshold: float = 11.0
    given_max: float = 7.0
    father_max: float = 6.0
    grandfather_max: float = 5.0
    family_max: float = 5.0
    given_disagree: float = -25.0
    given_cross_script_disagree: float = -6.0
    father_disagree: float = -8.0
    grandfather_disagree: float = -4.0
    family_disagree: float = -4.0
    dob_exact: float = 7.0
    dob_swapped: float = 4.5
    dob_year_only: float = 2.5
    dob_same_year_differs: float = -7.0
    dob_year_close: float = -2.0
    dob_year_far: float = -10.0
    dob_full_differs: float = -9.0
    phone_max: float = 6.0
    phone_disagree: float = -1.0
    civil_agree: float = 16.0
    civil_disagree: float = VETO
    sex_disagree: float = VETO
    wilayat_agree: float = 0.5
    wilayat_disagree: float = -1.5

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


class _Prep:
    """A record reduced to what comparing needs (canonical names, phonetic keys, dob)."""

    __slots__ = (
        "day",
        "idx",
        "keys",
        "latin",
        "month",
        "names",
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
