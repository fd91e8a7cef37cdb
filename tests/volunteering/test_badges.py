"""Badges and levels: first donation (0 until the donations app has data), ten hours, Ramadan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.core.dates import ramadan_dates, to_hijri
from joud.volunteering import selectors
from joud.volunteering.models import Application
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory
from tests.volunteering.factories import ApplicationFactory, ShiftFactory, volunteer

pytestmark = pytest.mark.django_db


def _served(person, minutes, day=None):
    kwargs = {}
    if day is not None:
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(17, 0)))
        kwargs = {"starts_at": start, "ends_at": start + dt.timedelta(hours=3)}
    return ApplicationFactory(
        volunteer=person,
        shift=ShiftFactory(**kwargs),
        hours_status=Application.Hours.APPROVED,
        approved_minutes=minutes,
    )


def _earned(person):
    return {b.code for b in selectors.badges_for(person) if b.earned}


def test_new_volunteer_has_no_badges_and_no_donations():
    person = volunteer()
    assert _earned(person) == set()
    assert selectors.donations_summary(person).count == 0
    assert selectors.person_summary(person).level == "متطوع جديد"


def test_first_shift_then_ten_hours():
    person = volunteer()
    _served(person, 240)
    assert _earned(person) == {"first_shift"}
    _served(person, 240)
    assert "ten_hours" not in _earned(person)  # 8 hours
    _served(person, 120)
    assert {"first_shift", "ten_hours"} <= _earned(person)
    summary = selectors.person_summary(person)
    assert summary.total_hours == 10
    assert summary.points == 10 and summary.level == "معطاء نشِط"


def test_pending_hours_do_not_count():
    person = volunteer()
    ApplicationFactory(volunteer=person, hours_status=Application.Hours.PENDING, minutes=900)
    assert _earned(person) == set()


def test_ramadan_of_giving_needs_three_days_in_one_ramadan():
    person = volunteer()
    days = ramadan_dates(1447)
    assert to_hijri(days[5])[1] == 9
    _served(person, 120, days[3])
    _served(person, 120, days[10])
    assert "ramadan" not in _earned(person)
    _served(person, 120, days[24])
    assert "ramadan" in _earned(person)


def test_ramadan_days_across_two_ramadans_do_not_add_up():
    person = volunteer()
    for day in (ramadan_dates(1446)[2], ramadan_dates(1446)[3], ramadan_dates(1447)[2]):
        _served(person, 60, day)
    assert "ramadan" not in _earned(person)


def test_first_donation_badge_from_donation_dates():
    person = volunteer()
    summary = selectors.DonationSummary(count=1, dates=[ramadan_dates(1447)[0]])
    badges = {b.code for b in selectors.badges_for(person, donations=summary) if b.earned}
    assert badges == {"first_donation"}


def test_first_donation_badge_from_a_real_confirmed_donation():
    """A confirmed gift, made through the donations app's own services, counts."""
    person = volunteer()
    initiative = InitiativeFactory()
    _donation, attempt = make_donation(initiative=initiative, donor=person)
    assert selectors.donations_summary(person).count == 0  # not paid yet
    pay(attempt)
    summary = selectors.donations_summary(person)
    assert summary.count == 1 and summary.dates == [timezone.localdate()]
    assert "first_donation" in _earned(person)
    assert selectors.person_summary(person).points == 1
