"""Leaderboards by school, university and wilayat respect each person's privacy."""

from __future__ import annotations

import pytest

from joud.geo.models import Wilayat
from joud.volunteering import selectors
from joud.volunteering.models import Application
from tests.volunteering.factories import ApplicationFactory, volunteer

pytestmark = pytest.mark.django_db

SCHOOL = "مدرسة السلطان قابوس الثانوية"


def _person(name, visibility, minutes, **profile):
    person = volunteer(user__full_name=name, leaderboard_visibility=visibility, **profile)
    ApplicationFactory(
        volunteer=person, hours_status=Application.Hours.APPROVED, approved_minutes=minutes
    )
    return person


@pytest.fixture
def school():
    wilayat = Wilayat.objects.get(name_ar="صحار")
    _person("ريم بنت عبدالله الشكيلية", "name", 600, school=SCHOOL, wilayat=wilayat)
    _person("سالم بن خميس البلوشي", "initials", 300, school=SCHOOL, wilayat=wilayat)
    _person("هند بنت ناصر الحارثية", "hidden", 900, school=SCHOOL, wilayat=wilayat)
    _person("خالد بن سعيد", "name", 60, school="مدرسة أخرى", wilayat=wilayat)
    return wilayat


def test_groups_count_everyone(school):
    groups = selectors.leaderboard_groups("school")
    assert groups[0]["name"] == SCHOOL
    assert groups[0]["hours"] == 30 and groups[0]["people"] == 3
    by_wilayat = selectors.leaderboard_groups("wilayat")
    assert by_wilayat[0]["name"] == "صحار" and by_wilayat[0]["people"] == 4


def test_people_list_respects_privacy(school):
    people = selectors.leaderboard_people("school", SCHOOL)
    names = [p["name"] for p in people]
    assert names == ["ريم بنت عبدالله الشكيلية", "سالم ا."]
    assert people[0]["rank"] == 1


def test_hidden_person_never_appears_on_any_page(school, client):
    for kind, key in (("school", SCHOOL), ("wilayat", str(school.pk))):
        body = client.get("/volunteer/leaderboards/", {"by": kind, "key": key}).content.decode()
        assert "ريم بنت عبدالله الشكيلية" in body
        assert "هند" not in body
        assert "سالم بن خميس البلوشي" not in body  # shown by initials only
        assert "سالم ا." in body
