"""Synthetic Omani beneficiaries with labelled duplicates across associations.

Households (a head, a spouse, children, sometimes a grandparent) live in a wilayat and share a
phone. Each household is registered with one association; some are registered again with one or
two others, and every re-registration is messy the way real forms are: the grandfather dropped,
the family name missing or typed into another field, a letter dropped from a name (1% of given
names, 2% of fathers' names, 4% of family names), one free-text name field, names in Latin
letters (with spellings the normaliser does not know), hamza/ta marbuta/alif maqsura variants,
diacritics and tatweel, a woman's family name in its feminine form, a birth date known only by
year or with day and month swapped, another phone, the civil ID left out.

Hard look-alikes are built in: twins named محمد/أحمد or حسن/حسين (same father, same birth date,
same phone), brothers with look-alike names, a son named after his grandfather (who may live in
the same household), and namesakes: another family in another wilayat whose members carry the
same name chain.

``generate(n_records, seed)`` returns ``(records, truth)``: ``truth[record.id]`` is the person.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from joud.beneficiaries.matching.detector import PersonRecord
from joud.beneficiaries.matching.transliteration import _FAMILY, _GIVEN

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


def _plain(ar: str) -> str:
    from joud.beneficiaries.matching.normalize import normalize_arabic

    text = normalize_arabic(ar)
    return text[2:] if text.startswith("ال") and len(text) > 4 else text


def _latin_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for source in (_GIVEN, _FAMILY):
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


@dataclass
class Person:
    pid: int
    sex: str
    given: str
    father: str
    grandfather: str
    family: str
    year: int
    month: int
    day: int
    civil_id: str
    phone: str
    wilayat: str


def _hash(value: str) -> str:
    return hashlib.sha256(b"eval:" + value.encode()).hexdigest()[:20] if value else ""


class _World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pid = 0
        self.civil = rng.randint(10_000_000, 20_000_000)
        # Pairs of different people built to look alike: kind -> [(person id, person id)].
        self.hard: dict[str, list[tuple[int, int]]] = {
            "twins": [],
            "siblings": [],
            "grandfather_grandson": [],
            "namesakes": [],
        }

    def person(self, sex, given, father, grandfather, family, year, phone, wilayat, *, dob=None):
        self.pid += 1
        self.civil += self.rng.randint(1, 40)
        rng = self.rng
        month, day = dob if dob else (rng.randint(1, 12), rng.randint(1, 28))
        return Person(
            self.pid,
            sex,
            given,
            father,
            grandfather,
            family,
            year,
            month,
            day,
            str(self.civil),
            phone,
            wilayat,
        )

    def male(self, avoid=()):
        while True:
            name = self.rng.choices(MALE_N, MALE_W)[0]
            if name not in avoid:
                return name

    def female(self, avoid=()):
        while True:
            name = self.rng.choices(FEMALE_N, FEMALE_W)[0]
            if name not in avoid:
                return name

    def phone(self):
        return f"9{self.rng.randint(0, 9_999_999):07d}"

    def household(self, *, template: list[Person] | None = None) -> list[Person]:
        """A household; with ``template``, namesakes of it in another wilayat."""
        rng = self.rng
        wilayat = rng.choice(WILAYATS)
        phone = self.phone()
        if template:
            out = []
            for p in template:
                if template[0].wilayat == wilayat:
                    wilayat = rng.choice([w for w in WILAYATS if w != p.wilayat])
                out.append(
                    self.person(
                        p.sex,
                        p.given,
                        p.father,
                        p.grandfather,
                        p.family,
                        p.year + rng.choice([-7, -3, -2, 2, 4, 9]),
                        phone,
                        wilayat,
                    )
                )
                self.hard["namesakes"].append((p.pid, out[-1].pid))
            return out
        family = rng.choices(FAM_N, FAM_W)[0]
        head_father = self.male()
        head_grandfather = self.male()
        head_given = self.male(avoid=(head_father,))
        head_year = rng.randint(1950, 1995)
        members = []
        if rng.random() < 0.12:  # a widow heads the household
            head = self.person(
                "f",
                self.female(),
                head_father,
                head_grandfather,
                family,
                head_year,
                phone,
                wilayat,
            )
            dad = self.male(avoid=(head_father,))
            kids_father, kids_grandfather = dad, self.male()
            kids_family = rng.choices(FAM_N, FAM_W)[0]
        else:
            head = self.person(
                "m", head_given, head_father, head_grandfather, family, head_year, phone, wilayat
            )
            kids_father, kids_grandfather, kids_family = head_given, head_father, family
            if rng.random() < 0.8:
                members.append(
                    self.person(
                        "f",
                        self.female(),
                        self.male(),
                        self.male(),
                        rng.choices(FAM_N, FAM_W)[0],
                        head_year + rng.randint(-2, 8),
                        phone if rng.random() < 0.6 else self.phone(),
                        wilayat,
                    )
                )
            if rng.random() < 0.12:  # the grandfather lives with them
                members.append(
                    self.person(
                        "m",
                        head_father,
                        head_grandfather,
                        self.male(),
                        family,
                        head_year - rng.randint(22, 35),
                        phone,
                        wilayat,
                    )
                )
        grandpa = next((m for m in members if m.given == kids_grandfather and m.sex == "m"), None)
        members.insert(0, head)
        kids: list[Person] = []
        n_kids = rng.choice([0, 1, 2, 2, 3, 3, 4, 5])
        used: set[str] = set()
        for k in range(n_kids):
            year = min(2024, head_year + rng.randint(20, 38))
            sex = rng.choice("mf")
            if k == 0 and sex == "m" and rng.random() < 0.25:
                given = kids_grandfather  # named after his grandfather
            elif sex == "m":
                given = self.male(avoid=used | {kids_father})
            else:
                given = self.female(avoid=used)
            used.add(given)
            kid = self.person(
                sex, given, kids_father, kids_grandfather, kids_family, year, phone, wilayat
            )
            members.append(kid)
            if grandpa is not None and given == grandpa.given:
                self.hard["grandfather_grandson"].append((grandpa.pid, kid.pid))
            kids.append(kid)
        if rng.random() < 0.10:  # twins with look-alike names
            year = min(2024, head_year + rng.randint(20, 38))
            dob = (rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.75:
                a, b = rng.choice([t for t in TWIN_NAMES if not used & set(t)] or TWIN_NAMES[:1])
                sex = "m"
            else:
                a, b = rng.choice(TWIN_NAMES_F)
                sex = "f"
            twins = []
            for given in (a, b):
                twins.append(
                    self.person(
                        sex,
                        given,
                        kids_father,
                        kids_grandfather,
                        kids_family,
                        year,
                        phone,
                        wilayat,
                        dob=dob,
                    )
                )
            members.extend(twins)
            self.hard["twins"].append((twins[0].pid, twins[1].pid))
            kids.extend(twins)
        for i, x in enumerate(kids):
            for y in kids[i + 1 :]:
                if x.sex == y.sex:
                    self.hard["siblings"].append((x.pid, y.pid))
        return members


# --- messiness ----------------------------------------------------------------------------------


def _spell_arabic(rng: random.Random, name: str) -> str:
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


def _family_form(rng: random.Random, family: str, sex: str) -> str:
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


def _latin(rng: random.Random, name: str, *, family: bool = False) -> str:
    plain = _plain(name)
    spellings = LATIN.get(plain)
    if not spellings:
        return ""
    spelling = rng.choice(spellings).title()
    if family:
        spelling = rng.choice(["Al ", "Al-", "Al", "", "al-"]) + spelling
    return spelling


def _register(
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
        parts = [_latin(rng, n) for n in (given, father, grandfather)]
        fam = _latin(rng, family, family=True) if family else ""
        if any(
            n and not latin_n
            for n, latin_n in zip((given, father, grandfather), parts, strict=True)
        ):
            latin = False  # no Latin spelling known for this name: keep it in Arabic
        else:
            given, father, grandfather, family = parts[0], parts[1], parts[2], fam
    if not latin:
        given, father, grandfather = (
            _spell_arabic(rng, n) if n else "" for n in (given, father, grandfather)
        )
        family = _family_form(rng, _spell_arabic(rng, family), p.sex) if family else ""
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


def generate(
    n_records: int, seed: int = 2026, *, duplicate_rate: float = 0.3, namesake_rate: float = 0.08
) -> tuple[list[PersonRecord], dict[int, int]]:
    """About ``n_records`` registrations and their ground truth (record id -> person id)."""
    records, truth, _hard = generate_labelled(
        n_records, seed, duplicate_rate=duplicate_rate, namesake_rate=namesake_rate
    )
    return records, truth


def generate_labelled(
    n_records: int, seed: int = 2026, *, duplicate_rate: float = 0.3, namesake_rate: float = 0.08
) -> tuple[list[PersonRecord], dict[int, int], dict[str, list[tuple[int, int]]]]:
    """``generate`` plus the hard look-alike pairs (kind -> pairs of person ids)."""
    rng = random.Random(seed)
    world = _World(rng)
    records: list[PersonRecord] = []
    truth: dict[int, int] = {}
    households: list[list[Person]] = []
    while len(records) < n_records:
        if households and rng.random() < namesake_rate:
            members = world.household(template=rng.choice(households))
        else:
            members = world.household()
        households.append(members)
        orgs = rng.sample(range(1, ASSOCIATIONS + 1), 3)
        copies = 1
        if rng.random() < duplicate_rate:
            copies = 3 if rng.random() < 0.15 else 2
        for c in range(copies):
            case = len(records) + 1
            for p in members:
                if c > 0 and p is not members[0] and rng.random() < 0.15:
                    continue  # a member left off the second form
                rid = len(records) + 1
                records.append(_register(rng, p, rid, orgs[c], messy=c > 0, case=case))
                truth[rid] = p.pid
    return records, truth, world.hard
