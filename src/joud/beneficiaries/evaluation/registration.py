"""How a person ends up on an association's form: the messiness of real registrations (names
spelt another way or in Latin letters, fields dropped or swapped, another phone)."""

from __future__ import annotations

import hashlib
import random

from joud.beneficiaries.evaluation.households import Person
from joud.beneficiaries.evaluation.names import LATIN, WILAYATS, plain_name
from joud.beneficiaries.matching.detector import PersonRecord


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


def register(
    rng: random.Random, p: Person, rid: int, org: int, *, messy: bool, case: int
) -> PersonRecord:
    given, father, grandfather, family = p.given, p.father, p.grandfather, p.family
    year, month, day = p.year, p.month, p.day
    phone, civil, wilayat = p.phone, p.civil_id, p.wilayat
    latin = False
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
        wilayat=wilayat,
        case=case,
        **kw,
    )
