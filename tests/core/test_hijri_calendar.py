"""Oman's Hijri calendar: the ministry's announced month starts, read through a cache, recorded
on the ministry's screen with the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from joud.core.dates import hijri_month_length, last_ten_nights, ramadan_dates, to_hijri
from joud.core.errors import BusinessError
from joud.core.hijri import hijri_month_start_announce, month_starts, uq_month_start
from joud.core.models import AuditLogEntry, HijriMonthStart

pytestmark = pytest.mark.django_db


def test_oman_started_ramadan_a_day_after_umm_al_qura():
    # 1445: Tuesday 12 March 2024 in Oman, 11 March by Umm al-Qura
    assert uq_month_start(1445, 9) == dt.date(2024, 3, 11)
    assert to_hijri(dt.date(2024, 3, 11)) == (1445, 8, 30)
    assert to_hijri(dt.date(2024, 3, 12)) == (1445, 9, 1)
    # 1447: Thursday 19 February 2026 in Oman, 18 February by Umm al-Qura
    assert uq_month_start(1447, 9) == dt.date(2026, 2, 18)
    assert to_hijri(dt.date(2026, 2, 18)) == (1447, 8, 30)
    assert ramadan_dates(1447)[0] == dt.date(2026, 2, 19)


def test_oman_kept_eid_al_fitr_1446_a_day_later():
    # Umm al-Qura's 1 Shawwal (30 March 2025) was the 29th of Ramadan in Oman
    assert uq_month_start(1446, 10) == dt.date(2025, 3, 30)
    assert to_hijri(dt.date(2025, 3, 30)) == (1446, 9, 29)
    assert to_hijri(dt.date(2025, 3, 31)) == (1446, 10, 1)
    assert to_hijri(dt.date(2024, 6, 17)) == (1445, 12, 10)  # Eid al-Adha, Monday in Oman


def test_a_29_day_ramadan_has_nine_last_nights():
    # Oman 1445: 12 March – 9 April 2024, Eid al-Fitr on 10 April (Umm al-Qura's Ramadan: 30 days)
    assert hijri_month_length(1445, 9) == 29
    assert len(ramadan_dates(1445)) == 29
    nights = last_ten_nights(1445)
    assert len(nights) == 9
    assert nights[0] == dt.date(2024, 3, 31)  # night 21 begins on the evening of the 20th
    assert nights[-1] == dt.date(2024, 4, 8)  # night 29, the eve of Eid
    assert (uq_month_start(1445, 10) - uq_month_start(1445, 9)).days == 30


def test_an_announcement_is_audited_and_read_at_once(reviewer, django_capture_on_commit_callbacks):
    assert (1448, 9) not in month_starts()
    with django_capture_on_commit_callbacks(execute=True):
        hijri_month_start_announce(
            hijri_year=1448,
            hijri_month=9,
            starts_on=dt.date(2027, 2, 7),
            confirmed=False,
            actor=reviewer,
            note="بيان اللجنة",
        )
    assert to_hijri(dt.date(2027, 2, 6)) == (1448, 8, 29)  # the cached copy was forgotten
    assert ramadan_dates(1448)[0] == dt.date(2027, 2, 7)
    with django_capture_on_commit_callbacks(execute=True):
        hijri_month_start_announce(
            hijri_year=1448,
            hijri_month=9,
            starts_on=dt.date(2027, 2, 8),
            confirmed=True,
            actor=reviewer,
        )
    row = HijriMonthStart.objects.get(hijri_year=1448, hijri_month=9)
    assert (row.expected_on, row.confirmed_on) == (dt.date(2027, 2, 7), dt.date(2027, 2, 8))
    assert ramadan_dates(1448)[0] == dt.date(2027, 2, 8)
    entries = AuditLogEntry.objects.filter(action__startswith="joud.hijri_month.").order_by("id")
    assert [(e.action, e.actor_id, e.data["old"], e.data["new"]) for e in entries] == [
        ("joud.hijri_month.expected", reviewer.pk, "2027-02-08", "2027-02-07"),
        ("joud.hijri_month.confirmed", reviewer.pk, "2027-02-07", "2027-02-08"),
    ]


@pytest.mark.parametrize(
    ("year", "month", "day", "code"),
    [
        (1448, 9, dt.date(2027, 2, 11), "starts_on"),  # three days after the forecast
        (1445, 10, dt.date(2024, 4, 9), "starts_on"),  # Oman's Ramadan 1445 would have 28 days
        (1445, 9, dt.date(2024, 3, 10), "starts_on"),  # ... or 31 days
        (1600, 9, dt.date(2027, 2, 9), "month"),  # outside the calendar
    ],
)
def test_an_impossible_start_is_refused(year, month, day, code):
    with pytest.raises(BusinessError) as refused:
        hijri_month_start_announce(
            hijri_year=year, hijri_month=month, starts_on=day, confirmed=True
        )
    assert refused.value.code == code


def test_a_confirmed_start_is_not_turned_back_into_an_expectation():
    with pytest.raises(BusinessError) as refused:
        hijri_month_start_announce(
            hijri_year=1447, hijri_month=9, starts_on=dt.date(2026, 2, 18), confirmed=False
        )
    assert refused.value.code == "confirmed"
    assert HijriMonthStart.objects.get(hijri_year=1447, hijri_month=9).starts_on == dt.date(
        2026, 2, 19
    )


def test_the_ministry_screen_records_and_shows_announcements(ministry_client):
    page = ministry_client.get("/ministry/calendar/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-month="1445-9"' in body and 'data-month="1448-12"' in body
    response = ministry_client.post(
        "/ministry/calendar/",
        {"hijri_year": "1448", "hijri_month": "9", "starts_on": "2027-02-09", "confirmed": "0"},
    )
    assert response.status_code == 302
    assert HijriMonthStart.objects.get(hijri_year=1448, hijri_month=9).expected_on == dt.date(
        2027, 2, 9
    )


@pytest.mark.parametrize(
    "data",
    [
        {"hijri_year": "1e999", "hijri_month": "9", "starts_on": "2027-02-09", "confirmed": "0"},
        {"hijri_year": "1448", "hijri_month": "9", "starts_on": "99999-02-09", "confirmed": "0"},
        {"hijri_year": "1448", "hijri_month": "13", "starts_on": "2027-02-09", "confirmed": "0"},
        {
            "hijri_year": "1448",
            "hijri_month": "9",
            "starts_on": "2027-02-09",
            "confirmed": "1",
            "note": "bad\x00\x07",
        },
    ],
)
def test_bad_input_on_the_screen_is_a_message_not_a_500(ministry_client, data):
    response = ministry_client.post("/ministry/calendar/", data)
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not HijriMonthStart.objects.filter(hijri_year=1448).exists()


def test_only_the_ministry_records_month_starts(client, donor):
    client.force_login(donor)
    response = client.post(
        "/ministry/calendar/",
        {"hijri_year": "1448", "hijri_month": "9", "starts_on": "2027-02-09", "confirmed": "1"},
    )
    assert response.status_code in (302, 403)
    assert not HijriMonthStart.objects.filter(hijri_year=1448).exists()
