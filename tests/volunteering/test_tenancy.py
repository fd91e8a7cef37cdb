"""One organization's coordinator never reaches another's rosters, exports or sign-ups."""

from __future__ import annotations

import pytest

from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.volunteering import tokens
from joud.volunteering.models import HoursDispute
from tests.factories import MembershipFactory, OrganizationFactory
from tests.fixtures.signin import login_with_totp
from tests.volunteering.factories import ApplicationFactory, ShiftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other():
    org = OrganizationFactory(slug="other-org")
    shift = ShiftFactory(opportunity__organization=org)
    application = ApplicationFactory(shift=shift, volunteer__full_name="متطوع جهة أخرى")
    return org, shift, application


@pytest.mark.parametrize(
    "path",
    ["shifts/{shift}/", "shifts/{shift}/roster.csv", "shifts/{shift}/site-code/",
     "shifts/{shift}/message/", "opportunities/{opp}/", "disputes/{dispute}/"],
)  # fmt: skip
def test_other_organizations_shift_is_not_found_in_my_scope(coordinator_client, org, other, path):
    _org, shift, application = other
    dispute = HoursDispute.objects.create(
        organization=application.organization,
        application=application,
        reason="لم تُسجّل ساعاتي كاملة",
        claimed_minutes=60,
    )
    url = path.format(shift=shift.pk, opp=shift.opportunity_id, dispute=dispute.pk)
    response = coordinator_client.get(f"/volunteer/manage/{org.slug}/" + url)
    assert response.status_code == 404


def test_other_organizations_pages_are_forbidden(coordinator_client, other):
    org, shift, application = other
    assert coordinator_client.get(f"/volunteer/manage/{org.slug}/").status_code == 403
    assert (
        coordinator_client.get(f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/").status_code
        == 403
    )
    response = coordinator_client.post(
        f"/volunteer/manage/{org.slug}/signups/{application.pk}/hours/", {"minutes": 60}
    )
    assert response.status_code == 403


def test_cannot_touch_another_organizations_signup_through_my_slug(coordinator_client, org, other):
    _org, _shift, application = other
    for action, data in (("hours", {"minutes": 60}), ("cancel", {})):
        response = coordinator_client.post(
            f"/volunteer/manage/{org.slug}/signups/{application.pk}/{action}/", data
        )
        assert response.status_code == 404
    with scopes_disabled():
        application.refresh_from_db()
    assert application.status == "accepted" and application.hours_status == "none"


def test_personal_code_shows_only_my_organizations_shifts(coordinator_client, org, other):
    _org, _shift, application = other
    token = tokens.person_token(application.volunteer)
    page = coordinator_client.get(f"/volunteer/manage/{org.slug}/person/{token}/")
    assert page.status_code == 200
    assert 'name="application"' not in page.content.decode()


def test_caseworker_is_not_a_coordinator(client, org):
    caseworker = MembershipFactory(organization=org, role="caseworker").user
    login_with_totp(client, caseworker)
    assert client.get(f"/volunteer/manage/{org.slug}/").status_code == 403


def test_own_roster_and_csv(coordinator_client, org, other):
    shift = ShiftFactory(opportunity__organization=org)
    ApplicationFactory(shift=shift, volunteer__full_name="=HYPERLINK(evil)")
    ApplicationFactory(shift=shift, volunteer__full_name="منى بنت راشد")
    page = coordinator_client.get(f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/")
    body = page.content.decode()
    assert page.status_code == 200 and "منى بنت راشد" in body
    assert "متطوع جهة أخرى" not in body
    csv_response = coordinator_client.get(
        f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/roster.csv"
    )
    text = csv_response.content.decode("utf-8-sig")
    assert "منى بنت راشد" in text and "متطوع جهة أخرى" not in text
    assert "'=HYPERLINK(evil)" in text
    assert AuditLogEntry.objects.filter(action="joud.volunteering.roster_exported").exists()
    home = coordinator_client.get(f"/volunteer/manage/{org.slug}/").content.decode()
    assert "متطوع جهة أخرى" not in home
