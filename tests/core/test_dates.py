import datetime as dt

import pytest

from joud.core.dates import (
    add_working_days,
    format_gregorian,
    format_hijri,
    last_ten_nights,
    ramadan_dates,
    to_hijri,
    working_days_between,
)
from joud.core.hijri import use_month_starts


def test_known_hijri_dates():
    # 1 Ramadan 1447 AH is 18 February 2026 in the Umm al-Qura calendar.
    assert to_hijri(dt.date(2026, 2, 18)) == (1447, 9, 1)
    assert to_hijri(dt.date(2026, 11, 26))[:2] == (1448, 6)


def test_hijri_formatting_both_languages():
    assert format_hijri(dt.date(2026, 2, 18), "ar") == "١ رمضان ١٤٤٧ هـ"
    assert format_hijri(dt.date(2026, 2, 18), "en") == "1 Ramadan 1447 AH"
    assert format_gregorian(dt.date(2026, 2, 18), "en") == "18 February 2026"
    assert "فبراير" in format_gregorian(dt.date(2026, 2, 18), "ar")
    assert "٢٠٢٦" in format_gregorian(dt.date(2026, 2, 18), "ar")


def test_ramadan_moves_about_eleven_days_earlier_each_year():
    first_1447 = ramadan_dates(1447)[0]
    first_1448 = ramadan_dates(1448)[0]
    shift = (first_1447.replace(year=first_1448.year) - first_1448).days
    assert 10 <= shift <= 12


def test_last_ten_nights_start_on_the_evening_of_the_twentieth():
    nights = last_ten_nights(1447)
    days = ramadan_dates(1447)
    assert nights[0] == days[19]  # night 21 begins at sunset of day 20
    assert len(nights) == len(days) - 20


def test_an_announced_start_moves_the_month():
    uq_start = ramadan_dates(1447)[0]
    use_month_starts({(1447, 9): uq_start + dt.timedelta(days=1)})
    assert to_hijri(uq_start) == (1447, 8, 30)
    assert to_hijri(uq_start + dt.timedelta(days=1)) == (1447, 9, 1)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (dt.date(2026, 11, 26), 1, dt.date(2026, 11, 29)),  # Thursday + 1 -> Sunday
        (dt.date(2026, 11, 26), 10, dt.date(2026, 12, 10)),
        (dt.date(2026, 11, 27), 2, dt.date(2026, 11, 30)),  # Friday + 2 -> Monday
    ],
)
def test_working_days_are_sunday_to_thursday(start, days, expected):
    assert add_working_days(start, days) == expected
    assert working_days_between(start, expected) == days
