"""Every volunteering page renders in Arabic (RTL, translated) and English, links nothing outside."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from joud.geo.models import Wilayat
from joud.volunteering import services, tokens
from joud.volunteering.models import Application
from tests.factories import UserFactory
from tests.volunteering.factories import ApplicationFactory, ShiftFactory, volunteer

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset)\s*=\s*["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""",
    re.I,
)
# English words that would betray an untranslated string on an Arabic page.
ENGLISH = re.compile(
    r">\s*(?:Volunteer|Shifts|Opportunities|Leaderboards|Check in|Certificate|Badges|Hours|"
    r"Roster|Save|Cancel|Approve|Send|Places|Status)\b"
)


@pytest.fixture
def world(org, coordinator):
    start = timezone.now() - dt.timedelta(minutes=20)
    shift = ShiftFactory(
        opportunity__organization=org, starts_at=start, ends_at=start + dt.timedelta(hours=3)
    )
    future = ShiftFactory(opportunity=shift.opportunity)
    person = volunteer(school="مدرسة الخوض", user__full_name="نور بنت حمد")
    application = ApplicationFactory(
        shift=shift,
        volunteer=person,
        hours_status=Application.Hours.APPROVED,
        minutes=120,
        approved_minutes=120,
    )
    ApplicationFactory(shift=future, status=Application.Status.WAITLISTED)
    certificate = services.certificate_issue(volunteer=person, opportunity=shift.opportunity)
    dispute = services.hours_dispute(
        application=application, volunteer=person, reason="بقيت ساعة إضافية", claimed_minutes=180
    )
    return {
        "shift": shift,
        "future": future,
        "person": person,
        "application": application,
        "certificate": certificate,
        "dispute": dispute,
        "org": org,
    }


def _public_paths(w):
    cert = w["certificate"]
    return [
        "/volunteer/",
        f"/volunteer/o/{w['shift'].opportunity_id}/",
        "/volunteer/leaderboards/?by=school",
        f"/volunteer/certificates/verify/{tokens.certificate_token(cert.content, cert.signature)}/",
        f"/volunteer/card/{w['person'].volunteer_profile.share_code}/",
    ]


def _volunteer_paths(w):
    return [
        "/volunteer/me/",
        "/volunteer/me/profile/",
        "/volunteer/me/code/",
        f"/volunteer/shifts/{w['future'].pk}/apply/",
        f"/volunteer/scan/{tokens.site_token(w['shift'])}/",
        f"/volunteer/signups/{w['application'].pk}/dispute/",
    ]


def _coordinator_paths(w):
    org, shift = w["org"].slug, w["shift"].pk
    return [
        f"/volunteer/manage/{org}/",
        f"/volunteer/manage/{org}/opportunities/new/",
        f"/volunteer/manage/{org}/opportunities/{w['shift'].opportunity_id}/",
        f"/volunteer/manage/{org}/shifts/{shift}/",
        f"/volunteer/manage/{org}/shifts/{shift}/site-code/",
        f"/volunteer/manage/{org}/shifts/{shift}/message/",
        f"/volunteer/manage/{org}/disputes/{w['dispute'].pk}/",
        f"/volunteer/manage/{org}/person/{tokens.person_token(w['person'])}/",
    ]


def _check(client, paths, lang):
    for path in paths:
        sep = "&" if "?" in path else "?"
        response = client.get(f"{path}{sep}lang={lang}")
        assert response.status_code == 200, path
        body = response.content.decode()
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in body, path
        assert not EXTERNAL.search(body), path
        if lang == "ar":
            assert not ENGLISH.search(body), (path, ENGLISH.search(body))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_public_pages(client, world, lang):
    _check(client, _public_paths(world), lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_volunteer_pages(client, world, lang):
    client.force_login(world["person"])
    _check(client, _volunteer_paths(world), lang)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_coordinator_pages(coordinator_client, world, lang):
    _check(coordinator_client, _coordinator_paths(world), lang)


def test_card_image_is_a_png(client, world):
    response = client.get(
        f"/volunteer/card/{world['person'].volunteer_profile.share_code}/image.png"
    )
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    page = client.get(f"/volunteer/card/{world['person'].volunteer_profile.share_code}/")
    assert b'property="og:image"' in page.content


def test_profile_form_keeps_data_on_error(client):
    person = volunteer()
    client.force_login(person)
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        "/volunteer/me/profile/",
        {
            "date_of_birth": future,
            "school": "مدرسة الوادي الكبير",
            "leaderboard_visibility": "name",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "يجب أن يكون تاريخ الميلاد في الماضي" in body
    assert "مدرسة الوادي الكبير" in body


def test_apply_page_sends_minor_to_guardian_and_adult_straight_in(client):
    shift = ShiftFactory()
    adult = volunteer()
    client.force_login(adult)
    response = client.post(f"/volunteer/shifts/{shift.pk}/apply/")
    assert response.status_code == 302
    today = timezone.localdate()
    young = volunteer(date_of_birth=today.replace(year=today.year - 15))
    client.force_login(young)
    page = client.post(
        f"/volunteer/shifts/{shift.pk}/apply/", {"guardian_name": "", "guardian_phone": ""}
    )
    assert page.status_code == 200
    assert "موافقة ولي الأمر" in page.content.decode()


def test_no_profile_redirects_to_profile_form(client):
    client.force_login(UserFactory())
    response = client.get(f"/volunteer/shifts/{ShiftFactory().pk}/apply/")
    assert response.status_code == 302 and "/volunteer/me/profile/" in response["Location"]


def test_filter_by_skill_and_wilayat(client):
    nizwa = Wilayat.objects.get(name_ar="نزوى")
    teaching = ShiftFactory(
        opportunity__skills=["teaching"],
        opportunity__title_ar="تقوية في الرياضيات",
        opportunity__wilayat=nizwa,
    ).opportunity
    ShiftFactory(opportunity__skills=["logistics"], opportunity__title_ar="توزيع السلال")
    body = client.get("/volunteer/", {"skill": "teaching"}).content.decode()
    assert teaching.title_ar in body and "توزيع السلال" not in body
    body = client.get("/volunteer/", {"wilayat": nizwa.pk}).content.decode()
    assert teaching.title_ar in body and "توزيع السلال" not in body
