"""Integers from addresses and query strings, bounded before they reach a query or a calendar.

``int()`` accepts any length: a 25-digit page or id overflows PostgreSQL's bigint (a 500), and a
year outside the Umm al-Qura tables overflows the Hijri conversion.
"""

from __future__ import annotations

# The largest value of a bigint column (ids are BigAutoField).
MAX_DB_ID = 2**63 - 1
# hijridate's Umm al-Qura tables cover 1343-1500 AH; a year's statement also reads the next
# year's first day, so the last whole year is 1499.
HIJRI_YEARS = range(1343, 1500)
# No listing has a million pages; a larger number is an old or hand-made link.
MAX_PAGE = 1_000_000


def bounded_int(raw: str | int | None, *, low: int, high: int) -> int | None:
    """``raw`` as an int when it is plain ASCII digits (or an int) within [low, high], else None."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if low <= raw <= high else None
    text = (raw or "").strip()
    # isascii: "²".isdigit() is True but int("²") fails; 19 digits hold any bigint.
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if low <= value <= high else None


def page_number(raw: str | None) -> int:
    """A listing's page: 1 when not a number, at most ``MAX_PAGE`` (past the end, the last page)."""
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(text), 1), MAX_PAGE)
