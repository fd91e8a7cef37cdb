"""The names, families and wilayats the synthetic population is drawn from, with how common
each is, and the Latin spellings registrations use."""

from __future__ import annotations

from joud.beneficiaries.matching.normalize import normalize_arabic
from joud.beneficiaries.matching.transliteration import FAMILY_SPELLINGS, GIVEN_SPELLINGS

MALE = [
    ("محمد", 14), ("أحمد", 6), ("علي", 6), ("سالم", 6), ("سعيد", 6), ("خالد", 4), ("ناصر", 4),
    ("سيف", 4), ("حمد", 4), ("خميس", 4), ("عبدالله", 6), ("سليمان", 4), ("راشد", 3), ("يوسف", 3),
    ("حمود", 3), ("مبارك", 3), ("سلطان", 3), ("ماجد", 2), ("هلال", 2), ("بدر", 2), ("طالب", 2),
    ("زاهر", 2), ("عامر", 2), ("مسعود", 2), ("جمعة", 2), ("عيسى", 2), ("موسى", 2), ("إبراهيم", 2),
    ("إسماعيل", 1), ("يعقوب", 1), ("ياسر", 1), ("هيثم", 1), ("فهد", 2), ("منصور", 2), ("عمر", 2),
    ("عثمان", 1), ("حسن", 2), ("حسين", 2), ("عبدالرحمن", 2), ("عبدالعزيز", 1), ("محمود", 1),
    ("حامد", 1), ("مالك", 1), ("أنس", 1), ("قيس", 1), ("مازن", 1), ("المعتصم", 1), ("نبهان", 1),
    ("غسان", 1), ("وليد", 1), ("طارق", 1), ("أيمن", 1), ("هاشم", 1), ("مهنا", 1), ("سعود", 1),
    ("عبدالكريم", 1), ("عبدالرحيم", 1), ("سعد", 1), ("سليم", 1),
]  # fmt: skip
FEMALE = [
    ("فاطمة", 6), ("مريم", 6), ("عائشة", 4), ("خديجة", 3), ("زينب", 2), ("سلمى", 2), ("موزة", 3),
    ("شيخة", 3), ("نورة", 2), ("أسماء", 2), ("ريم", 2), ("عزة", 2), ("ثريا", 1), ("بشرى", 1),
    ("منيرة", 1), ("سعاد", 1), ("حليمة", 1), ("رقية", 1), ("آمنة", 2), ("وضحى", 1), ("جوخة", 1),
    ("بثينة", 1), ("ليلى", 1), ("هدى", 1), ("أمل", 1), ("شريفة", 1), ("رحمة", 1), ("زوينة", 1),
    ("ميمونة", 1), ("ريا", 1),
]  # fmt: skip
FAMILIES = [
    ("البلوشي", 10), ("الحارثي", 6), ("الهنائي", 5), ("الكندي", 4), ("المعمري", 5), ("الريامي", 4),
    ("الشكيلي", 3), ("الغافري", 4), ("الحبسي", 3), ("السيابي", 3), ("الراشدي", 4), ("البوسعيدي", 3),
    ("الفارسي", 3), ("الوهيبي", 3), ("العامري", 4), ("الرواحي", 3), ("الشحي", 3), ("الجابري", 3),
    ("اليعقوبي", 2), ("المقبالي", 3), ("السعدي", 4), ("الكلباني", 2), ("العبري", 2), ("البادي", 3),
    ("الزدجالي", 2), ("اللواتي", 2), ("المحروقي", 2), ("الحوسني", 2), ("البطاشي", 2), ("العلوي", 2),
    ("الكعبي", 2), ("المشايخي", 1), ("النعماني", 2), ("الشيذاني", 1), ("الندابي", 1), ("العجمي", 1),
    ("التوبي", 1), ("السناني", 1), ("المسكري", 1), ("الرحبي", 1), ("الصوافي", 1), ("الخروصي", 2),
    ("العزري", 2), ("الجهوري", 1), ("المنذري", 2), ("الإسماعيلي", 1), ("الشعيلي", 1),
]  # fmt: skip
WILAYATS = [
    "مسقط", "مطرح", "بوشر", "السيب", "العامرات", "قريات", "صلالة", "طاقة", "مرباط", "صحار", "شناص",
    "لوى", "صحم", "الخابورة", "السويق", "الرستاق", "بركاء", "المصنعة", "نخل", "نزوى", "بهلاء",
    "منح", "الحمراء", "أدم", "إزكي", "سمائل", "عبري", "ينقل", "البريمي", "محضة", "صور",
    "جعلان بني بو علي", "إبراء", "المضيبي", "بدية", "القابل", "خصب", "دبا", "هيماء", "الدقم",
]  # fmt: skip
TWIN_NAMES = [("محمد", "أحمد"), ("حسن", "حسين"), ("سالم", "سليم"), ("سعيد", "سعد")]
TWIN_NAMES_F = [("ريم", "ريا"), ("أسماء", "أمل"), ("موزة", "مريم")]
ASSOCIATIONS = 40

# Latin spellings the generator uses. Starts from the normaliser's table and adds spellings (and
# names) it does not know, so the phonetic fallback is exercised and the test is not circular.
_EXTRA_LATIN = {
    "محمد": ["mouhammad", "muhammed"],
    "احمد": ["ahmd"],
    "سالم": ["salem"],
    "خميس": ["khamiss"],
    "مالك": ["malik", "malek"],
    "انس": ["anas"],
    "قيس": ["qais", "qays"],
    "مازن": ["mazin", "mazen"],
    "معتصم": ["al-mutasim", "almoatasem"],
    "نبهان": ["nabhan"],
    "غسان": ["ghassan"],
    "وليد": ["waleed", "walid"],
    "طارق": ["tariq", "tarek"],
    "ايمن": ["ayman"],
    "هاشم": ["hashim", "hashem"],
    "مهنا": ["muhanna"],
    "سعود": ["saud"],
    "سعد": ["saad"],
    "سليم": ["saleem", "selim"],
    "جوخه": ["jokha", "jokhah"],
    "بثينه": ["buthaina", "bothaina"],
    "ليلي": ["laila", "layla"],
    "هدي": ["huda", "hoda"],
    "امل": ["amal"],
    "شريفه": ["sharifa", "shareefa"],
    "رحمه": ["rahma", "rahmah"],
    "زوينه": ["zuwaina", "zawina"],
    "ميمونه": ["maimuna", "maymouna"],
    "ريا": ["raya", "rayya"],
    "صوافي": ["sawafi"],
    "خروصي": ["kharusi", "kharousi"],
    "عزري": ["azri"],
    "جهوري": ["jahwari"],
    "منذري": ["mandhari", "manthari"],
    "اسماعيلي": ["ismaili"],
    "شعيلي": ["shuaili"],
}


def plain_name(ar: str) -> str:
    text = normalize_arabic(ar)
    return text[2:] if text.startswith("ال") and len(text) > 4 else text


def _latin_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for source in (GIVEN_SPELLINGS, FAMILY_SPELLINGS):
        for ar, spellings in source.items():
            table.setdefault(ar, []).extend(spellings.split())
    for ar, spellings in _EXTRA_LATIN.items():
        table.setdefault(ar, []).extend(spellings)
    return table


LATIN = _latin_table()


def _weighted(items):
    names = [n for n, _ in items]
    weights = [w for _, w in items]
    return names, weights


MALE_N, MALE_W = _weighted(MALE)
FEMALE_N, FEMALE_W = _weighted(FEMALE)
FAM_N, FAM_W = _weighted(FAMILIES)
