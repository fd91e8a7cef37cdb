"""Calendar features of a day for the forecaster: where it falls in the Hijri year (Ramadan and
its odd nights, the last ten nights, Eid al-Fitr, Dhu al-Hijjah and the day of Arafah, Eid
al-Adha) and in the Gregorian week and month (Fridays, salary days around the 20th–25th).

Hijri dates come from ``joud.core.dates.to_hijri`` (Umm al-Qura with Oman's overrides). A night
belongs to the evening before its day: the 27th night is the evening of the 26th of Ramadan, so
the "night" features are shifted by one day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np

from joud.core.dates import hijri_month_length, hijri_month_start, to_hijri

FRIDAY = 4
SALARY_DAYS = range(20, 26)

NAMES = (
    "hijri_month",
    "hijri_day",
    "ramadan_day",
    "last_ten",
    "odd_night",
    "night_27",
    "days_to_eid_fitr",
    "eid_fitr_day",
    "dhu_hijjah_day",
    "arafah",
    "eid_adha_day",
    "weekday",
    "friday",
    "month_day",
    "salary_days",
)


@lru_cache(maxsize=8192)
def day_features(day: dt.date) -> tuple[float, ...]:
    """The features of one day, in the order of ``NAMES``."""
    year, month, hday = to_hijri(day)
    # The night that begins on this evening belongs to tomorrow's Hijri day.
    _ny, night_month, night_day = to_hijri(day + dt.timedelta(days=1))
    in_ramadan = month == 9
    ramadan_nights = night_month == 9
    last_ten = ramadan_nights and night_day >= 21
    if in_ramadan:
        days_to_eid = hijri_month_length(year, 9) - hday + 1
    elif month == 8:
        days_to_eid = 30 + hijri_month_length(year, 8) - hday + 1
    else:
        days_to_eid = 90
    return (
        month,
        hday,
        hday if in_ramadan else 0,
        1.0 if last_ten else 0.0,
        1.0 if last_ten and night_day % 2 == 1 else 0.0,
        1.0 if ramadan_nights and night_day == 27 else 0.0,
        min(days_to_eid, 90),
        hday if month == 10 and hday <= 3 else 0,
        hday if month == 12 else 0,
        1.0 if month == 12 and hday == 9 else 0.0,
        hday - 9 if month == 12 and 10 <= hday <= 13 else 0,
        day.weekday(),
        1.0 if day.weekday() == FRIDAY else 0.0,
        day.day,
        1.0 if day.day in SALARY_DAYS else 0.0,
    )


def matrix(days: list[dt.date]) -> np.ndarray:
    """The feature matrix of ``days`` (one row per day, columns as ``NAMES``)."""
    return np.array([day_features(d) for d in days], dtype=float).reshape(len(days), len(NAMES))


def same_hijri_day_last_year(day: dt.date) -> dt.date:
    """The Gregorian date of the same Hijri day one Hijri year earlier (the 30th of a month
    that had only 29 days that year falls on the 29th)."""
    year, month, hday = to_hijri(day)
    start = hijri_month_start(year - 1, month)
    return start + dt.timedelta(days=min(hday, hijri_month_length(year - 1, month)) - 1)
