"""What a disagreement between two records means: a typo, a variant spelling or a nickname of one
given name, or two different names; a civil ID one digit off; a birth date defaulted or off by a
year. Pure Python (no Django), used by the detector's scoring.

Two Arabic given names that are one letter apart are either a clerk's typo (سليمان → سلمان) or two
real names (حسن/حسين, محمد/أحمد: brothers or twins). The difference is whether both spellings are
names people really carry: a name in the list below, or one common in the population, is real; a
typo is rare. A typo counts as agreement only when the birth date and a phone or civil ID agree
too (the detector decides that); two real names stay a strong disagreement.
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from joud.beneficiaries.matching.normalize import KNOWN_GIVEN_AR, normalize_civil_id

# Given names people really carry in Oman (normalised), beyond the transliteration table: two of
# these one letter apart are two names, never a typo of one.
MALE_GIVEN = frozenset(
    [
        "محمد",
        "احمد",
        "محمود",
        "علي",
        "سالم",
        "سليم",
        "سعيد",
        "سعد",
        "سيف",
        "خميس",
        "حمد",
        "حامد",
        "حمود",
        "حمدان",
        "خالد",
        "ناصر",
        "نصر",
        "سليمان",
        "سلمان",
        "يوسف",
        "عبدالله",
        "عبدالرحمن",
        "عبدالعزيز",
        "عبدالرحيم",
        "عبدالكريم",
        "عبدالملك",
        "حسن",
        "حسين",
        "حسان",
        "محسن",
        "راشد",
        "رشيد",
        "مبارك",
        "سلطان",
        "ماجد",
        "مجيد",
        "هلال",
        "بدر",
        "طالب",
        "زاهر",
        "عامر",
        "عمار",
        "عمر",
        "عمرو",
        "مسعود",
        "جمعه",
        "عيسي",
        "موسي",
        "ابراهيم",
        "اسماعيل",
        "يعقوب",
        "ياسر",
        "هيثم",
        "فهد",
        "منصور",
        "عثمان",
        "مالك",
        "انس",
        "قيس",
        "مازن",
        "معتصم",
        "نبهان",
        "غسان",
        "وليد",
        "طارق",
        "ايمن",
        "هاشم",
        "مهنا",
        "سعود",
        "جابر",
        "جبر",
        "عادل",
        "فيصل",
        "بشير",
        "بشر",
        "زايد",
        "زيد",
        "يحيي",
        "صالح",
        "صلاح",
        "هاني",
        "نادر",
        "حارث",
        "سامي",
        "سام",
        "رامي",
        "كريم",
        "كامل",
    ]
)
FEMALE_GIVEN = frozenset(
    [
        "فاطمه",
        "مريم",
        "عايشه",
        "خديجه",
        "زينب",
        "سلمي",
        "موزه",
        "شيخه",
        "نوره",
        "اسماء",
        "ريم",
        "ريا",
        "عزه",
        "ثريا",
        "بشري",
        "منيره",
        "منير",
        "سعاد",
        "حليمه",
        "رقيه",
        "امنه",
        "امينه",
        "امنه",
        "وضحي",
        "جوخه",
        "بثينه",
        "ليلي",
        "هدي",
        "امل",
        "شريفه",
        "رحمه",
        "زوينه",
        "ميمونه",
        "منال",
        "منى",
        "مني",
        "نور",
        "نوال",
        "سميره",
        "سمر",
        "سلوي",
        "صفيه",
        "حفصه",
        "هند",
        "هيا",
        "رحاب",
        "رباب",
        "زهره",
        "زهراء",
        "شمسه",
        "عفراء",
        "عليا",
        "علياء",
        "مها",
        "ندي",
        "نجلاء",
    ]
)
REAL_GIVEN = MALE_GIVEN | FEMALE_GIVEN | KNOWN_GIVEN_AR

# Variant spellings of one name (normalised), folded to one form before comparing.
_VARIANTS = {
    "عيشه": "عايشه",
    "عيشا": "عايشه",
    "اسمعيل": "اسماعيل",
    "ابرهيم": "ابراهيم",
    "عبدالرحمان": "عبدالرحمن",
    "اسحق": "اسحاق",
    "يحي": "يحيي",
    "رقيا": "رقيه",
    "ثريه": "ثريا",
    "امينه": "امنه",
    "سليمن": "سليمان",
    "عثمن": "عثمان",
    "داود": "داوود",
}

# Nicknames (normalised) written where the given name belongs.
NICKNAMES = {
    "فطوم": "فاطمه",
    "فطيمه": "فاطمه",
    "عيوش": "عايشه",
    "خدوج": "خديجه",
    "مريوم": "مريم",
    "زنوب": "زينب",
    "نوير": "نوره",
    "عبود": "عبدالله",
    "سلوم": "سالم",
    "حمودي": "محمد",
}


def variant_form(name: str) -> str:
    """One spelling for the variants of a name (عيشه/عايشه, final ا for ى: سلما/سلمي)."""
    name = _VARIANTS.get(name, name)
    if len(name) >= 3 and name.endswith("ا") and name[:-1] + "ي" in REAL_GIVEN:
        name = name[:-1] + "ي"
    return name


EQUAL, VARIANT, TYPO, NICKNAME, DIFFERENT = range(5)


def given_relation(x: str, y: str, is_real) -> int:
    """How two different given names (normalised Arabic) relate: a variant spelling of one name,
    a probable typo, a nickname, or two names. ``is_real(name)``: whether people carry it."""
    vx, vy = variant_form(x), variant_form(y)
    if vx == vy:
        return VARIANT
    if NICKNAMES.get(vx) == vy or NICKNAMES.get(vy) == vx:
        return NICKNAME
    limit = 2 if min(len(vx), len(vy)) >= 7 else 1
    if OSA.distance(vx, vy, score_cutoff=limit) <= limit and not (is_real(vx) and is_real(vy)):
        return TYPO
    return DIFFERENT


def civil_id_variants(civil_id: str) -> list[str]:
    """Forms two civil IDs share when they differ by one typed digit or two swapped neighbours
    (to be hashed like the ID itself: the numbers are never compared in clear)."""
    digits = normalize_civil_id(civil_id)
    if len(digits) < 6:
        return []
    out = [f"{digits[:k]}*{digits[k + 1 :]}" for k in range(len(digits))]
    out += [
        f"{digits[:k]}~{''.join(sorted(digits[k : k + 2]))}{digits[k + 2 :]}"
        for k in range(len(digits) - 1)
    ]
    return out


def sex_of_name(name: str) -> str:
    """ "m" or "f" when the given name says it (سالم, فاطمه), else ""."""
    if name in MALE_GIVEN:
        return "m"
    if name in FEMALE_GIVEN:
        return "f"
    return ""


def is_default_date(month: int | None, day: int | None) -> bool:
    """1 January: what many forms store when only the year is known."""
    return month == 1 and day == 1
