"""How a person ends up on an association's form: the messiness of real registrations (names
spelt another way or in Latin letters, fields dropped or swapped, another phone)."""

from __future__ import annotations

import hashlib
import random

from joud.beneficiaries.evaluation import errors as err
from joud.beneficiaries.evaluation.households import Person
from joud.beneficiaries.evaluation.names import LATIN, WILAYATS, plain_name
from joud.beneficiaries.matching.detector import PersonRecord
from joud.beneficiaries.matching.evidence import civil_id_variants


def _hash(value: str) -> str:
    return hashlib.sha256(b"eval:" + value.encode()).hexdigest()[:20] if value else ""


def spell_arabic(rng: random.Random, name: str) -> str:
    if rng.random() < 0.5:
        name = name.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    elif rng.random() < 0.15 and name.startswith("ا"):
        name = "أ" + name[1:]
    if rng.random() < 0.35:
        name = name.replace("ة", "ه")
    if rng.random() < 0.3:
        name = name.replace("ى", "ي")
    if name.startswith("عبد") and rng.random() < 0.5:
        name = "عبد " + name[3:]
    if rng.random() < 0.06 and len(name) > 2:
        name = name[:1] + "َ" + name[1:]  # a fatha
    if rng.random() < 0.04 and len(name) > 3:
        name = name[:2] + "ـ" + name[2:]  # tatweel
    return name


def family_form(rng: random.Random, family: str, sex: str) -> str:
    if not family:
        return ""
    if sex == "f" and rng.random() < 0.6:
        family = family + "ة"
    if rng.random() < 0.15:
        family = family[2:]  # «ال» left out
    return family


def _typo(rng: random.Random, name: str) -> str:
    if len(name) < 5:
        return name
    k = rng.randrange(2, len(name) - 1)
    return name[:k] + name[k + 1 :]


def latin_spelling(rng: random.Random, name: str, *, family: bool = False) -> str:
    plain = plain_name(name)
    spellings = LATIN.get(plain)
    if not spellings:
        return ""
    spelling = rng.choice(spellings).title()
    if family:
        spelling = rng.choice(["Al ", "Al-", "Al", "", "al-"]) + spelling
    return spelling


def _possible(p: Person) -> set[str]:
    possible = set(err.KINDS) - {"given_variant", "nickname", "guardian_civil", "mother_phone"}
    if p.given in err.VARIANTS:
        possible.add("given_variant")
    if p.given in err.NICKNAMES:
        possible.add("nickname")
    if p.guardian_civil and p.guardian_civil != p.civil_id:
        possible.add("guardian_civil")
    if p.mother_phone:
        possible.add("mother_phone")
    if not p.father:
        possible.discard("given_father_swapped")
    if not any(c in "هيكة" for c in p.given + p.father + p.family):
        possible.discard("keyboard_letters")
    return possible


def _apply_errors(rng: random.Random, p: Person, kinds: set[str], fields: dict) -> None:
    """Make the errors of ``kinds`` on one re-registration's fields (in place)."""
    f = fields
    if "nickname" in kinds:
        f["given"] = rng.choice(err.NICKNAMES[p.given])
    elif "given_variant" in kinds:
        f["given"] = rng.choice(err.VARIANTS[p.given])
    elif "given_typo" in kinds:
        f["given"] = err.typo(rng, f["given"])
    if "given_father_swapped" in kinds:
        f["given"], f["father"] = f["father"], f["given"]
    if "keyboard_letters" in kinds:
        for k in ("given", "father", "family"):
            f[k] = err.keyboard(f[k])
    if "sex_wrong" in kinds:
        f["sex"] = "f" if p.sex == "m" else "m"
    dob = [k for k in ("dob_year_off", "dob_jan1", "dob_year_only") if k in kinds]
    for extra in dob[1:]:
        kinds.discard(extra)  # one birth-date error per form
    if dob and f["year"]:
        if dob[0] == "dob_year_off":
            f["year"] += rng.choice([-1, 1])
        elif dob[0] == "dob_jan1":
            f["month"] = f["day"] = 1
        else:
            f["month"] = f["day"] = None
    elif dob:
        kinds.discard(dob[0])
    if "guardian_civil" in kinds:
        f["civil"] = p.guardian_civil
        kinds.discard("civil_digit")
    elif "civil_digit" in kinds:
        if f["civil"]:
            f["civil"] = err.civil_typo(rng, f["civil"])
        else:
            kinds.discard("civil_digit")
    if "mother_phone" in kinds:
        f["phone"] = p.mother_phone


def register(
    rng: random.Random,
    p: Person,
    rid: int,
    org: int,
    *,
    messy: bool,
    case: int,
    hard: bool = False,
    kinds: set[str] | None = None,
) -> PersonRecord:
    """One registration of ``p``. With ``hard``, a re-registration may carry entry errors of
    ``errors.RATES``; the kinds made are added to ``kinds``."""
    given, father, grandfather, family = p.given, p.father, p.grandfather, p.family
    year, month, day = p.year, p.month, p.day
    phone, civil, wilayat = p.phone, p.civil_id, p.wilayat
    latin = False
    made: set[str] = err.draw(rng, possible=_possible(p)) if messy and hard else set()
    if messy:
        if rng.random() < 0.4:
            grandfather = ""
        if rng.random() < 0.12:
            family = ""
        if rng.random() < 0.01:
            given = _typo(rng, given)  # the detector cannot tell this from a brother: missed
        if rng.random() < 0.02:
            father = _typo(rng, father)
        if rng.random() < 0.04:
            family = _typo(rng, family)
        r = rng.random()
        if r < 0.15:
            month = day = None
        elif r < 0.22 and day <= 12:
            month, day = day, month
        elif r < 0.25:
            year = month = day = None
        elif r < 0.28:
            day = (day % 28) + 1  # a mistyped day
        if rng.random() < 0.2:
            phone = f"9{rng.randint(0, 9_999_999):07d}"
        elif rng.random() < 0.1:
            phone = ""
        if rng.random() < 0.04:
            wilayat = rng.choice(WILAYATS)
        latin = rng.random() < 0.12
    if rng.random() < 0.45:
        civil = ""
    sex = p.sex if rng.random() < 0.9 else ""
    if made:
        latin = False  # the errors below are made in Arabic script
        f = dict(given=given, father=father, family=family, sex=sex or p.sex, year=year)
        f.update(month=month, day=day, civil=civil, phone=phone)
        _apply_errors(rng, p, made, f)
        given, father, family, year, month, day = (
            f[k] for k in ("given", "father", "family", "year", "month", "day")
        )
        civil, phone = f["civil"], f["phone"]
        sex = f["sex"] if (sex or "sex_wrong" in made) else ""
        if kinds is not None:
            kinds |= made
    connector = "بن" if p.sex == "m" else "بنت"
    if latin:
        parts = [latin_spelling(rng, n) for n in (given, father, grandfather)]
        fam = latin_spelling(rng, family, family=True) if family else ""
        if any(
            n and not latin_n
            for n, latin_n in zip((given, father, grandfather), parts, strict=True)
        ):
            latin = False  # no Latin spelling known for this name: keep it in Arabic
        else:
            given, father, grandfather, family = parts[0], parts[1], parts[2], fam
    if not latin:
        given, father, grandfather = (
            spell_arabic(rng, n) if n else "" for n in (given, father, grandfather)
        )
        family = family_form(rng, spell_arabic(rng, family), p.sex) if family else ""
    kw = {}
    layout = rng.random() if messy else 1.0
    if layout < 0.3:  # one free-text field
        if latin:
            join = rng.choice([" bin " if p.sex == "m" else " bint ", " "])
        else:
            join = rng.choice([f" {connector} ", " "])
        kw["full_name"] = join.join(n for n in (given, father, grandfather) if n) + (
            f" {family}" if family else ""
        )
    elif layout < 0.38:  # family name typed into the grandfather field, or split across two
        kw.update(given=given, father=father, grandfather=family or grandfather)
    else:
        kw.update(given=given, father=father, grandfather=grandfather, family=family)
    return PersonRecord(
        id=rid,
        organization=org,
        sex=sex,
        birth_year=year,
        birth_month=month,
        birth_day=day,
        phone_hash=_hash(phone),
        civil_hash=_hash(civil),
        civil_near=tuple(_hash(v) for v in civil_id_variants(civil)),
        wilayat=wilayat,
        case=case,
        **kw,
    )
