"""The entry errors clerks really make, at rates seen on real forms, each labelled by kind so the
evaluation can report recall per kind (issue 21). Applied to re-registrations only (the first
form of a person is taken as written), on top of the ordinary messiness in ``registration``.

Rates are per re-registration (per copy where the error is possible: a child's record for a
guardian's civil ID, a record with a civil ID for a mistyped digit). The nicknames and variant
spellings drawn here are also in the matcher's tables (``matching.evidence``): for those two kinds
the figure measures the tables' use, not their coverage of real names.
"""

from __future__ import annotations

import random

RATES = {
    "given_typo": 0.03,  # a letter doubled, dropped or two swapped in the given name
    "given_variant": 0.05,  # عائشة/عايشة/عيشة, إسماعيل/إسمعيل, final ى written ا
    "keyboard_letters": 0.03,  # ھ for ه, ی for ي, ک for ك (other keyboards)
    "nickname": 0.02,  # فطوم for فاطمة
    "given_father_swapped": 0.01,
    "sex_wrong": 0.015,
    "civil_digit": 0.03,  # one digit mistyped or two neighbours swapped
    "guardian_civil": 0.08,  # a child's record carries the guardian's civil ID
    "dob_year_off": 0.03,
    "dob_jan1": 0.04,  # only the year known, stored as 1 January
    "dob_year_only": 0.04,
    "mother_phone": 0.10,  # a child's record carries the mother's phone
}
KINDS = tuple(RATES)

VARIANTS = {
    "عائشة": ["عايشة", "عيشة", "عايشه"],
    "إسماعيل": ["إسمعيل", "اسمعيل"],
    "إبراهيم": ["ابرهيم"],
    "عبدالرحمن": ["عبدالرحمان"],
    "سلمى": ["سلما"],
    "ليلى": ["ليلا"],
    "هدى": ["هدا"],
    "عيسى": ["عيسا"],
    "موسى": ["موسا"],
    "رقية": ["رقيا"],
    "سليمان": ["سليمن"],
    "عثمان": ["عثمن"],
    "آمنة": ["امينة"],
}
NICKNAMES = {
    "فاطمة": ["فطوم", "فطيمة"],
    "عائشة": ["عيوش"],
    "خديجة": ["خدوج"],
    "مريم": ["مريوم"],
    "زينب": ["زنوب"],
    "نورة": ["نوير"],
    "عبدالله": ["عبود"],
    "سالم": ["سلوم"],
    "محمد": ["حمودي"],
}
_KEYBOARD = {"ه": "ھ", "ي": "ی", "ك": "ک", "ة": "ۃ"}


def typo(rng: random.Random, name: str) -> str:
    """A letter doubled, dropped, or two neighbours swapped (never the first letter)."""
    if len(name) < 3:
        return name
    k = rng.randrange(1, len(name) - 1)
    kind = rng.random()
    if kind < 0.35:
        return name[: k + 1] + name[k] + name[k + 1 :]
    if kind < 0.7 and len(name) >= 4:
        return name[:k] + name[k + 1 :]
    return name[:k] + name[k + 1] + name[k] + name[k + 2 :]


def keyboard(name: str) -> str:
    return "".join(_KEYBOARD.get(c, c) for c in name)


def civil_typo(rng: random.Random, civil: str) -> str:
    k = rng.randrange(len(civil) - 1)
    if rng.random() < 0.5 and civil[k] != civil[k + 1]:
        return civil[:k] + civil[k + 1] + civil[k] + civil[k + 2 :]
    digit = rng.choice([d for d in "0123456789" if d != civil[k]])
    return civil[:k] + digit + civil[k + 1 :]


def draw(rng: random.Random, *, possible: set[str]) -> set[str]:
    """The error kinds one re-registration carries (usually none, sometimes one or two)."""
    return {kind for kind, rate in RATES.items() if kind in possible and rng.random() < rate}
