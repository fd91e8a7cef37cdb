"""Arabic-tolerant search: the same normalisation for the stored text and for the query.

People type أ/إ/آ/ا, ة/ه, ى/ي interchangeably, with or without the article ال, with or without
diacritics. Both sides are folded to one spelling, so a plain ``contains`` finds the match on
PostgreSQL and SQLite alike (no database extension needed).
"""

from __future__ import annotations

import re

from pyarabic import araby

_ALEFS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "٠": "0",
        "١": "1",
        "٢": "2",
        "٣": "3",
        "٤": "4",
        "٥": "5",
        "٦": "6",
        "٧": "7",
        "٨": "8",
        "٩": "9",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Prefixes that carry the article: ال, وال, بال, فال, كال; and لل (لـ + ال).
_ARTICLE = re.compile(r"^(?:[وفبك]?ال|لل)(?=\w{2,})")


def normalize_word(word: str) -> str:
    return _ARTICLE.sub("", word)


def normalize(text: str | None) -> str:
    """Fold spelling variants: diacritics, tatweel, alef/hamza forms, ta marbuta, alef maqsura, ال."""
    if not text:
        return ""
    text = araby.strip_tashkeel(text)
    text = araby.strip_tatweel(text)
    text = text.translate(_ALEFS).casefold()
    words = [normalize_word(w) for w in _NON_WORD.split(text) if w]
    return " ".join(words)


def query_terms(query: str | None) -> list[str]:
    """The normalised words of a search query (each must appear in the initiative's text)."""
    return [w for w in normalize(query).split(" ") if w][:8]


def initiative_search_text(initiative) -> str:
    org = getattr(initiative, "organization", None) if initiative.organization_id else None
    parts = [
        initiative.title_ar,
        initiative.title_en,
        initiative.summary_ar,
        initiative.summary_en,
        initiative.story_ar,
        initiative.story_en,
        initiative.public_code,
        getattr(org, "name_ar", ""),
        getattr(org, "name_en", ""),
    ]
    # Spaces at both ends let a term match whole words as well as parts of words.
    return " " + normalize(" ".join(p for p in parts if p)) + " "
