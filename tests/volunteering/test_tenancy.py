"""One organization's coordinator never reaches another's rosters, exports or sign-ups."""

from __future__ import annotations

import pytest

from joud.core.models import AuditLogEntry
from tests.conftest import login_with_totp
from tests.factories import MembershipFactory, OrganizationFactory
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
     "shifts/{shift}/message/"],
)  # fmt: skip
def test_other_organizations_shift_is_not_found_in_my_scope(coordinator_client, org, other, path):
    _org, shift, _app = other
    response = coordinator_client.get(
        f"/volunteer/manage/{org.slug}/" + path.format(shift=shift.pk)
    )
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


def test_cannot_approve_another_organizations_signup_through_my_slug(
    coordinator_client, org, other
):
    _org, _shift, application = other
    response = coordinator_client.post(
        f"/volunteer/manage/{org.slug}/signups/{application.pk}/hours/", {"minutes": 60}
    )
    assert response.status_code == 404


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
