"""Bilingual content: Arabic always present, English optional."""

from __future__ import annotations

from django.utils.translation import get_language


def is_english(language: str | None = None) -> bool:
    return (language or get_language() or "ar").startswith("en")


def localized(arabic: str, english: str | None, language: str | None = None) -> str:
    """The English text when the reader reads English and there is one, else the Arabic."""
    return english if english and is_english(language) else arabic
