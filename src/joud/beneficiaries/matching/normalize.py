"""Arabic (and Latin) personal-name normalisation, name splitting and a phonetic key.

Associations write the same name many ways: أحمد/احمد/إحمد, فاطمة/فاطمه, عيسى/عيسي, with or without
diacritics and tatweel, «عبد الله»/«عبدالله», «سالم بن خميس» or «سالم خميس», البلوشي/البلوشية,
or in Latin letters (Mohammed, Muhammad, Mohamed). Everything here is pure Python (no Django) so
the evaluation harness and the batch detector can run it over 100,000 records quickly.

Canonical form of a token: normalised Arabic without a leading ال; a Latin token is mapped to its
Arabic form through ``transliteration`` when known, else kept as its Latin key (ASCII). The
phonetic key is a consonant skeleton shared by both scripts (محمد and Mohammed -> ``MHMD``); it
is used for blocking and for comparing a Latin token with an Arabic one, never to equate two
Arabic names (حسن and حسين share a skeleton and are different people).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from joud.beneficiaries.matching.transliteration import LATIN_FAMILY, LATIN_GIVEN

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_LETTER_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "ڪ": "ك",  # swash kaf
        "ھ": "ه",  # heh doachashmee (U+06BE), typed on some keyboards
        "ە": "ه",  # ae (U+06D5)
        "ۀ": "ه",  # heh with yeh above
        "ۃ": "ه",  # ta marbuta goal
        "ے": "ي",  # yeh barree
        "ـ": "",  # tatweel
        "\u200c": "",
        "\u200d": "",
        "\u200f": "",
        "\u200e": "",
    }
)
_NON_NAME = re.compile(r"[^\w\s]|[\d_]")
_SPACES = re.compile(r"\s+")
_NON_DIGITS = re.compile(r"[^0-9]")

_CONNECTORS = {"بن", "بنت", "ابن", "bin", "bint", "binti", "ibn", "ben", "b", "bt", "w", "wd"}
_LATIN_ARTICLES = {"al", "el", "il"}
_LATIN_ABD = {"abd", "abdul", "abdel", "abdal", "abdool", "abdu"}
KNOWN_FAMILY_AR = frozenset(LATIN_FAMILY.values())
KNOWN_GIVEN_AR = frozenset(LATIN_GIVEN.values())
# Given names written with ال (المعتصم, المنذر): a father's name, never a family name.
AL_GIVEN = frozenset(
    [
        "معتصم",
        "معتز",
        "منذر",
        "مهلب",
        "مختار",
        "خطاب",
        "صلت",
        "وليد",
        "مثني",
        "زبير",
        "هيثم",
        "فضل",
        "عباس",
        "طيب",
        "امين",
        "مقداد",
        "قاسم",
        "مهند",
        "منتصر",
        "مغيره",
        "حكم",
        "ازهر",
        "يمان",
    ]
)


def normalize_arabic(text: str) -> str:
    """Letters only, one alphabet: no hamza forms, ة→ه, ى→ي, no diacritics or tatweel."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _DIACRITICS.sub("", text)
    text = text.translate(_LETTER_MAP)
    text = _NON_NAME.sub(" ", text.lower())
    return _SPACES.sub(" ", text).strip()


def is_latin(token: str) -> bool:
    return token.isascii()


def latin_key(token: str) -> str:
    """mohammed / Mohammed / al-Harthy -> 'mohammed' / 'harthi'."""
    token = token.lower().replace("'", "").replace("-", "").replace("`", "")
    if token.endswith("y") and len(token) > 3:
        token = token[:-1] + "i"
    for suffix in ("iyah", "iya", "iyya", "ia"):  # feminine nisba: al-Balushiya -> balushi
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            stem = token[: -len(suffix)] + "i"
            if stem in LATIN_FAMILY:
                return stem
    return token


@dataclass(frozen=True)
class Token:
    text: str  # canonical form
    family_marked: bool = False  # had ال / Al / آل or is a known family name
    after_connector: bool = False  # followed بن/بنت/bin: a father's or grandfather's name


def _canonical_arabic(token: str) -> tuple[str, bool]:
    marked = False
    if token.startswith("ال") and len(token) > 4:
        token = token[2:]
        marked = token not in AL_GIVEN
    if token in KNOWN_FAMILY_AR:
        marked = True
    return token, marked


def _canonical_latin(token: str, marked: bool) -> tuple[str, bool]:
    key = latin_key(token)
    if key in LATIN_FAMILY and (marked or key not in LATIN_GIVEN):
        return LATIN_FAMILY[key], True
    if key in LATIN_GIVEN:
        return LATIN_GIVEN[key], marked
    return key, marked


# Per process, safely (here and for phonetic_key): pure functions of the text, no data read.
@lru_cache(maxsize=200_000)
def tokenize(text: str) -> tuple[Token, ...]:
    """A free-text name as canonical tokens: بن/بنت dropped, عبد/ابو/آل compounds joined."""
    raw = normalize_arabic(text)
    if not raw:
        return ()
    words = raw.split(" ")
    out: list[Token] = []
    i = 0
    after = False
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word in _CONNECTORS:
            i += 1
            after = bool(out)
            continue
        prev_after, after = after, False
        if word == "عبد" and nxt:  # عبد الله -> عبدالله
            word, i = "عبد" + nxt, i + 1
        elif word == "ابو" and nxt:
            word, i = "ابو" + nxt, i + 1
        elif nxt == "الله" and not word.startswith("عبد"):  # نصر الله -> نصرالله
            word, i = word + "الله", i + 1
        elif word in _LATIN_ABD and nxt:  # Abdul Rahman -> abdulrahman
            word, i = "abdul" + nxt, i + 1
        if word == "ال" and nxt:  # آل سعيد (normalised to «ال سعيد»)
            out.append(Token(nxt, True, prev_after))
            i += 2
            continue
        if is_latin(word):
            marked = False
            if word in _LATIN_ARTICLES and nxt:
                word, marked, i = nxt, True, i + 1
            elif word.startswith(("al", "el")) and len(word) > 5 and word[2:] in LATIN_FAMILY:
                word, marked = word[2:], True
            text_, marked = _canonical_latin(word, marked)
        else:
            text_, marked = _canonical_arabic(word)
        if text_.endswith("يه") and (marked or text_[:-1] in KNOWN_FAMILY_AR):
            text_ = text_[:-1]  # البلوشية -> بلوشي (a woman's family name)
            marked = True
        out.append(Token(text_, marked and not (prev_after and text_ in AL_GIVEN), prev_after))
        i += 1
    return tuple(out)


@dataclass(frozen=True)
class NameParts:
    given: str = ""
    father: str = ""
    grandfather: str = ""
    family: str = ""

    def as_tuple(self) -> tuple[str, str, str, str]:
        return (self.given, self.father, self.grandfather, self.family)

    def full(self) -> str:
        return " ".join(p for p in self.as_tuple() if p)


def _looks_like_family(token: Token) -> bool:
    if token.after_connector:  # «بن المعتصم»: a father's name, whatever it starts with
        return False
    if token.family_marked:
        return True
    t = token.text
    return not is_latin(t) and t.endswith("ي") and len(t) >= 5 and t not in KNOWN_GIVEN_AR


def _unmarked_family(chain: list[Token]) -> bool:
    """A family name without ال (قطن, بلوشي typed bare): the last of four names or more, or the
    last of three when the chain used بن and this one did not follow a بن and is no known given
    name."""
    last = chain[-1]
    if last.after_connector or last.text in AL_GIVEN:
        return False
    if len(chain) >= 4:
        return True
    return (
        len(chain) == 3
        and any(t.after_connector for t in chain)
        and last.text not in KNOWN_GIVEN_AR
        and not is_latin(last.text)
    )


def split_tokens(tokens: tuple[Token, ...]) -> NameParts:
    """given / father / grandfather / family from a chain of names, whatever its length."""
    if not tokens:
        return NameParts()
    family = ""
    chain = list(tokens)
    if len(chain) >= 2 and (_looks_like_family(chain[-1]) or _unmarked_family(chain)):
        family = chain.pop().text
        # A family name split across two fields («الحارثي» «الحارثي») or «آل» + name twice.
        while len(chain) >= 2 and chain[-1].family_marked and _looks_like_family(chain[-1]):
            chain.pop()
    names = [t.text for t in chain]
    given = names[0] if names else ""
    father = names[1] if len(names) > 1 else ""
    grandfather = names[2] if len(names) > 2 else ""
    return NameParts(given, father, grandfather, family)


def split_name(
    full_name: str = "",
    *,
    given: str = "",
    father: str = "",
    grandfather: str = "",
    family: str = "",
) -> NameParts:
    """Parts of a name from a free-text field, from separate fields, or from a messy mix.

    Separate fields are trusted only as far as they are consistent: they are joined in order
    and re-split, so a family name typed into the grandfather field, or a full name typed into
    the given-name field, still lands in the right part.
    """
    if any((given, father, grandfather, family)):
        head: tuple[Token, ...] = ()
        for k, field in enumerate((given, father, grandfather)):
            toks = tokenize(field) if field else ()
            if k < 2 and len(toks) == 1:  # one name in the given or father field stays there
                toks = (Token(toks[0].text, False, True),)
            head += toks
        fam = tokenize(family) if family else ()
        if fam:
            parts = split_tokens((*head, Token(fam[-1].text, True)))
            if len(fam) > 1 and not parts.grandfather and len(head) == 2:
                parts = NameParts(parts.given, parts.father, fam[0].text, parts.family)
            return parts
        return split_tokens(head)
    return split_tokens(tokenize(full_name))


# --- phonetic key -------------------------------------------------------------------------------

_AR_PHONETIC = {
    "ب": "B",
    "ت": "T",
    "ث": "T",
    "ج": "J",
    "ح": "H",
    "خ": "K",
    "د": "D",
    "ذ": "D",
    "ر": "R",
    "ز": "Z",
    "س": "S",
    "ش": "S",
    "ص": "S",
    "ض": "D",
    "ط": "T",
    "ظ": "D",
    "غ": "G",
    "ف": "F",
    "ق": "K",
    "ك": "K",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ه": "H",
}
_LATIN_DIGRAPHS = (("kh", "K"), ("sh", "S"), ("th", "T"), ("dh", "D"), ("gh", "G"), ("ch", "S"))
_LATIN_PHONETIC = {
    "b": "B",
    "c": "K",
    "d": "D",
    "f": "F",
    "g": "G",
    "h": "H",
    "j": "J",
    "k": "K",
    "l": "L",
    "m": "M",
    "n": "N",
    "p": "B",
    "q": "K",
    "r": "R",
    "s": "S",
    "t": "T",
    "v": "F",
    "x": "KS",
    "z": "Z",
}


def _collapse(codes: list[str]) -> str:
    out: list[str] = []
    for c in codes:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """A consonant skeleton shared by Arabic and Latin spellings of a name."""
    if not token:
        return ""
    if is_latin(token):
        t = token.lower()
        if t.endswith("ah") and not t.endswith("llah"):
            t = t[:-1]
        for digraph, code in _LATIN_DIGRAPHS:
            t = t.replace(digraph, code)
        codes = [c if c.isupper() else _LATIN_PHONETIC.get(c, "") for c in t]
    else:
        t = token
        if t.endswith("ه") and not t.endswith("لله") and len(t) > 2:
            t = t[:-1]  # ta marbuta (already written ه)
        codes = [_AR_PHONETIC.get(c, "") for c in t]
    return _collapse([c for c in codes if c])


def _digits(text: str) -> str:
    """ASCII digits only, Arabic-Indic and Persian digits included (٩١٢ -> 912)."""
    if not text:
        return ""
    if text.isascii():
        return _NON_DIGITS.sub("", text)
    return "".join(str(unicodedata.digit(c)) for c in text if c.isdigit())


def normalize_phone(phone: str) -> str:
    """Omani numbers as 8 digits (91234567), whatever prefix or spacing was typed."""
    digits = _digits(phone)
    if digits.startswith("00968"):
        digits = digits[5:]
    elif digits.startswith("968") and len(digits) == 11:
        digits = digits[3:]
    return digits


def normalize_civil_id(civil_id: str) -> str:
    return _digits(civil_id).lstrip("0")


def search_key(text: str) -> str:
    """A name as searched: canonical tokens, so أحمد finds احمد and Mohammed finds محمد."""
    return " ".join(t.text for t in tokenize(text))[:200]
