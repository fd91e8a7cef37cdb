"""A volunteer finds an opportunity, signs up, checks in with the site's QR code; the
coordinator sees the roster and approves the hours; the certificate's QR page says genuine.

Two people, each in their own browser: the volunteer and the organization's coordinator (staff,
with a TOTP authenticator). Both start signed in: signing in has its own journeys.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from joud.accounts.two_factor import totp_authenticator
from joud.core.tenancy import scopes_disabled
from tests.e2e.actions import staff_user, tr
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.fixtures.signin import mark_two_factor_passed

pytestmark = pytest.mark.e2e

_numbers = itertools.count(8101)


def sign_in(journey, user, live_db) -> None:
    """A session for ``user`` in the current actor's browser. The sign-in pages belong to the
    accounts journeys; this one is about volunteering."""
    from django.test import Client

    with live_db():
        client = Client()
        client.force_login(user)
        if totp_authenticator(user) is not None:
            mark_two_factor_passed(client, user)  # as after the code step
        session = client.cookies["sessionid"].value
    journey.context.add_cookies([{"name": "sessionid", "value": session, "url": journey.base_url}])


def test_volunteer_signs_up_checks_in_and_gets_a_genuine_certificate(journey, live_db):
    from joud.volunteering import services, tokens
    from tests.volunteering.factories import ShiftFactory

    n = next(_numbers)
    lang = journey.lang
    start = timezone.now() + dt.timedelta(minutes=30)  # check-in opens an hour before
    with live_db(), scopes_disabled():
        org = OrganizationFactory(slug=f"sohar-team-{n}")
        coordinator, _totp = staff_user(email=f"coordinator{n}@example.om")
        MembershipFactory(user=coordinator, organization=org, role="coordinator")
        shift = ShiftFactory(
            opportunity__organization=org,
            opportunity__title_ar=f"تنظيف شاطئ صحار {n}",
            opportunity__title_en=f"Sohar beach clean-up {n}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=3),
            capacity=5,
        )
        person = UserFactory(
            email=f"reem{n}@example.om", full_name=f"ريم الشكيلية {n}", phone_verified=True
        )
        opportunity_title = (
            shift.opportunity.title_ar if lang == "ar" else shift.opportunity.title_en
        )
        site_code = tokens.site_token(shift)  # signed with the server's key

    journey.act_as("volunteer")
    page = journey.page
    with journey.step("find the opportunity and its shift"):
        journey.goto("/volunteer/")
        journey.check_page("opportunities")
        page.locator(f"a[href='/volunteer/o/{shift.opportunity_id}/']").click()
        page.wait_for_url(f"**/volunteer/o/{shift.opportunity_id}/")
        journey.check_page("opportunity")
        assert page.get_by_role("heading", level=1).inner_text().strip() == opportunity_title

    with journey.step("signed in, fill in the profile, confirm the sign-up"):
        sign_in(journey, person, live_db)
        page.locator(f"a[href='/volunteer/shifts/{shift.pk}/apply/']").click()
        page.wait_for_url("**/volunteer/me/profile/**")
        journey.check_page("volunteer profile form")
        page.locator("input[name=date_of_birth]").fill("2001-03-09")
        page.locator("input[name=school]").fill("مدرسة صحار الثانوية")
        page.locator("input[name=leaderboard_visibility][value=name]").check()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"**/volunteer/shifts/{shift.pk}/apply/")
        journey.check_page("confirm the sign-up")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/volunteer/me/")
        journey.check_page("my profile after signing up")
        assert page.get_by_text(tr(lang, "Accepted"), exact=True).first.is_visible()

    with journey.step("check in by scanning the site's QR code"):
        journey.goto(f"/volunteer/scan/{site_code}/")
        journey.check_page("site code scanned")
        with page.expect_navigation():
            page.locator("button[name=action][value=in]").click()
        journey.check_page("checked in")
        assert page.get_by_text(tr(lang, "Checked in. Thank you for coming!")).is_visible()

    journey.act_as("coordinator")
    page = journey.page
    roster = f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/"
    with journey.step("the coordinator (signed in with TOTP) sees the roster"):
        sign_in(journey, coordinator, live_db)
        journey.goto(roster)
        journey.check_page("roster")
        assert page.locator("main").get_by_text(person.full_name).first.is_visible()

    with journey.step("the coordinator shows the site code and approves two hours"):
        journey.goto(f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/site-code/")
        journey.check_page("site code")
        assert page.locator(".vol-qr svg").count() == 1
        journey.goto(roster)
        page.locator("form[action$='/hours/'] input[name=minutes]").fill("120")
        with page.expect_navigation():
            page.locator("form[action$='/hours/'] button[type=submit]").click()
        journey.check_page("hours approved")
        assert page.get_by_text(tr(lang, "Hours approved.")).is_visible()

    journey.act_as("volunteer")
    page = journey.page
    with live_db(), scopes_disabled():
        certificate = services.certificate_issue(
            volunteer=person, opportunity=shift.opportunity, language=lang
        )
        token = tokens.certificate_token(certificate.content, certificate.signature)
    with journey.step("the certificate's QR page says it is genuine"):
        journey.goto(f"/volunteer/certificates/verify/{token}/")
        journey.check_page("certificate verified")
        assert page.get_by_text(tr(lang, "Genuine certificate")).is_visible()
        journey.goto("/volunteer/me/")
        journey.check_page("my profile with hours and badges")
        assert page.get_by_text(tr(lang, "First shift")).first.is_visible()

    with journey.step("the school's leaderboard lists her by name"):
        journey.goto("/volunteer/leaderboards/?by=school")
        journey.check_page("leaderboards")
        page.get_by_role("link", name="مدرسة صحار الثانوية").click()
        page.wait_for_url("**key=**")
        journey.check_page("the school's volunteers")
        assert page.locator("main").get_by_text(person.full_name).first.is_visible()
