"""volunteering.access: who may see or do what, asked by views and services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from joud.core.errors import BusinessError
from joud.core.tenancy import organization_scope
from joud.volunteering import access, selectors, services, tokens
from joud.volunteering.models import Application, Opportunity
from tests.factories import MembershipFactory, UserFactory
from tests.volunteering.factories import ApplicationFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def test_coordinators_and_admins_are_coordinators_caseworkers_and_strangers_are_not(org):
    coordinator = MembershipFactory(organization=org, role="coordinator").user
    admin = MembershipFactory(organization=org, role="admin").user
    caseworker = MembershipFactory(organization=org, role="caseworker").user
    former = MembershipFactory(organization=org, role="coordinator", is_active=False).user
    assert access.is_coordinator(coordinator, org.pk) and access.is_coordinator(admin, org.pk)
    assert not access.is_coordinator(caseworker, org.pk)
    assert not access.is_coordinator(former, org.pk)
    assert not access.is_coordinator(UserFactory(), org.pk)
    assert not access.is_coordinator(AnonymousUser(), org.pk)
    assert not access.is_coordinator(None, org.pk)
    assert access.coordinated_organization(coordinator) == org
    assert access.coordinated_organization(caseworker) is None
    assert access.coordinated_organization(AnonymousUser()) is None


def test_a_volunteer_sees_only_their_own_signups_and_certificates(org, coordinator):
    mine = ApplicationFactory(shift=ShiftFactory(opportunity__organization=org))
    stranger = UserFactory()
    assert access.is_own_application(mine.volunteer, mine)
    assert not access.is_own_application(stranger, mine)
    assert not access.is_own_application(AnonymousUser(), mine)
    assert not access.is_own_application(mine.volunteer, None)
    assert access.may_cancel(mine.volunteer, mine) and access.may_cancel(coordinator, mine)
    assert not access.may_cancel(stranger, mine) and not access.may_cancel(None, mine)
    with organization_scope(org):
        Application.objects.filter(pk=mine.pk).update(
            hours_status=Application.Hours.APPROVED, approved_minutes=120
        )
    certificate = services.certificate_issue(
        volunteer=mine.volunteer, year=mine.shift.local_date.year
    )
    found = selectors.certificate_by_code(certificate.code)
    assert access.is_own_certificate(mine.volunteer, found)
    assert not access.is_own_certificate(stranger, found)
    assert not access.is_own_certificate(mine.volunteer, None)


def test_draft_shifts_are_not_public():
    shift = ShiftFactory()
    assert access.is_public_shift(shift)
    draft = ShiftFactory(opportunity__status=Opportunity.Status.DRAFT)
    assert not access.is_public_shift(draft)
    assert not access.is_public_shift(None)


def test_a_consent_link_opens_its_signup_and_nothing_else():
    application = ApplicationFactory(status=Application.Status.PENDING_CONSENT)
    assert access.consent_application(tokens.consent_token(application)) == application
    assert access.consent_application("not-a-token") is None


def test_the_scan_page_says_why_a_code_cannot_work_before_anyone_presses():
    shift = ShiftFactory(starts_at=timezone.now() + dt.timedelta(minutes=30))
    going = ApplicationFactory(shift=shift)
    waiting = ApplicationFactory(shift=shift, status=Application.Status.WAITLISTED)
    services.check_can_record(going, shift, timezone.now())
    with pytest.raises(BusinessError) as refused:
        services.check_can_record(waiting, shift, timezone.now())
    assert refused.value.code == "not_accepted"
    with pytest.raises(BusinessError) as early:
        services.check_can_record(going, shift, shift.starts_at - dt.timedelta(hours=2))
    assert early.value.code == "too_early"


def test_signups_open_for_attendance_are_this_organizations_accepted_ones_of_now(org):
    now = timezone.now()
    person = UserFactory()
    here = ApplicationFactory(
        volunteer=person,
        shift=ShiftFactory(opportunity__organization=org, starts_at=now + dt.timedelta(minutes=30)),
    )
    ApplicationFactory(  # tomorrow: check-in not open yet
        volunteer=person,
        shift=ShiftFactory(opportunity__organization=org, starts_at=now + dt.timedelta(days=1)),
    )
    ApplicationFactory(volunteer=person, shift=ShiftFactory(starts_at=now))  # another organization
    with organization_scope(org):
        assert list(selectors.signups_open_for_attendance(person, now)) == [here]
