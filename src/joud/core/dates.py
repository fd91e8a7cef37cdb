"""Dates: Hijri (Oman's announced month starts, else Umm al-Qura) beside Gregorian; the
Sunday–Thursday week."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_format_date
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from hijridate import Gregorian

from joud.core.hijri import month_starts, uq_month_start
from joud.core.money import localize_digits

HIJRI_MONTHS_AR = [
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
]  # fmt: skip
HIJRI_MONTHS_EN = [
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
]  # fmt: skip

_WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
WORKING_DAYS = {6, 0, 1, 2, 3}  # Python weekday(): Sunday=6, Monday=0 … Thursday=3


def to_hijri(day: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the Hijri calendar, honouring Oman's announced month starts."""
    if isinstance(day, dt.datetime):
        day = day.date()
    h = Gregorian(day.year, day.month, day.day).to_hijri()
    if not month_starts():
        return h.year, h.month, h.day
    # An announcement moves a month's first day: the date may fall in the month before or after.
    for year, month in (
        _prev_month(h.year, h.month),
        (h.year, h.month),
        _next_month(h.year, h.month),
    ):
        start = hijri_month_start(year, month)
        if start <= day < hijri_month_start(*_next_month(year, month)):
            return year, month, (day - start).days + 1
    return h.year, h.month, h.day


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _prev_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def hijri_month_start(year: int, month: int) -> dt.date:
    """The first day of a Hijri month: as Oman announced it, else the Umm al-Qura forecast."""
    return month_starts().get((year, month)) or uq_month_start(year, month)


def hijri_month_length(year: int, month: int) -> int:
    return (hijri_month_start(*_next_month(year, month)) - hijri_month_start(year, month)).days


def ramadan_dates(hijri_year: int) -> list[dt.date]:
    start = hijri_month_start(hijri_year, 9)
    return [start + dt.timedelta(days=i) for i in range(hijri_month_length(hijri_year, 9))]


def last_ten_nights(hijri_year: int) -> list[dt.date]:
    """The Gregorian dates of Ramadan's last ten nights (nights 21 to the month's end).

    A night belongs to the evening before the day: night 21 begins at sunset of day 20. We return
    the Gregorian date on whose evening each night begins.
    """
    days = ramadan_dates(hijri_year)
    return [d - dt.timedelta(days=1) for d in days[20:]]


def format_hijri(day: dt.date, language: str | None = None) -> str:
    """ "٢٢ جمادى الآخرة ١٤٤٨ هـ" / "22 Jumada al-Akhirah 1448 AH"."""
    lang = (language or get_language() or "ar").split("-")[0]
    y, m, d = to_hijri(day)
    if lang == "ar":
        return localize_digits(f"{d} {HIJRI_MONTHS_AR[m - 1]} {y} هـ", "ar")
    return f"{d} {HIJRI_MONTHS_EN[m - 1]} {y} AH"


def format_hijri_year(year: int, language: str | None = None) -> str:
    """ "١٤٤٨ هـ" / "1448 AH" (never grouped: a year is not an amount)."""
    lang = (language or get_language() or "ar").split("-")[0]
    return localize_digits(f"{year} هـ", "ar") if lang == "ar" else f"{year} AH"


def format_gregorian(day: dt.date, language: str | None = None) -> str:
    """ "٢ ديسمبر ٢٠٢٦" / "2 December 2026"."""
    lang = (language or get_language() or "ar").split("-")[0]
    if isinstance(day, dt.datetime):
        day = day.date()
    text = babel_format_date(day, format="long", locale="ar_OM" if lang == "ar" else "en_GB")
    return localize_digits(text.translate(_WESTERN), lang)


def format_dual_date(day: dt.date, language: str | None = None) -> str:
    """The one short form of a date in text (PDFs, messages): Hijri, then Gregorian in brackets:
    "٢٢ جمادى الآخرة ١٤٤٨ هـ (٢ ديسمبر ٢٠٢٦)". Pages use the ``dual_date`` filter (same text,
    each part isolated for bidi)."""
    return f"{format_hijri(day, language)} ({format_gregorian(day, language)})"


def format_moment(moment: dt.datetime, language: str | None = None) -> str:
    """A moment in text (messages): its dual date, then the local time of day:
    "٢٢ جمادى الآخرة ١٤٤٨ هـ (٢ ديسمبر ٢٠٢٦) ١٦:٣٠"."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{format_dual_date(local.date(), language)} {format_time(local, language)}"


def format_time(moment: dt.time | dt.datetime, language: str | None = None) -> str:
    """A time of day on the 24-hour clock in the page's digits: "١٦:٣٠" / "16:30"."""
    if isinstance(moment, dt.datetime):
        moment = moment.time()
    return localize_digits(f"{moment:%H:%M}", language)


def public_holidays() -> frozenset[dt.date]:
    """The public holidays the ministry does not work (``JOUD_PUBLIC_HOLIDAYS``)."""
    return frozenset(getattr(settings, "JOUD_PUBLIC_HOLIDAYS", ()) or ())


def is_working_day(day: dt.date, holidays: frozenset[dt.date] | None = None) -> bool:
    """Sunday to Thursday, and not a public holiday."""
    if isinstance(day, dt.datetime):
        day = day.date()
    holidays = public_holidays() if holidays is None else holidays
    return day.weekday() in WORKING_DAYS and day not in holidays


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days (Sunday–Thursday, public holidays skipped) after
    ``start``; with a negative ``days``, that many working days before it."""
    holidays = public_holidays()
    current = start
    remaining = abs(days)
    step = dt.timedelta(days=1 if days >= 0 else -1)
    while remaining > 0:
        current += step
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
    holidays = public_holidays()
    count, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current, holidays):
            count += 1
    return count
