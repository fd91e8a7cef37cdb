"""organizations.access (membership and role checks) and organizations.selectors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from joud.core.errors import PermissionDeniedError
from joud.organizations import access, selectors
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_membership_and_roles():
    admin = MembershipFactory(role="admin")
    org = admin.organization
    finance = MembershipFactory(organization=org, role="finance").user
    gone = MembershipFactory(organization=org, role="admin", is_active=False).user
    stranger = UserFactory()
    assert access.is_member(admin.user, org.pk)
    assert access.is_member(finance, org.pk) and not access.is_member(finance, org.pk, "admin")
    assert access.is_admin(admin.user, org) and not access.is_admin(finance, org)
    assert not access.is_member(gone, org.pk) and not access.is_member(stranger, org.pk)
    assert not access.is_member(AnonymousUser(), org.pk)
    assert access.active_roles(finance) == {"finance"}
    assert access.active_roles(gone) == set() and access.active_roles(AnonymousUser()) == set()
    access.require_admin(admin.user, org)
    for user in (finance, gone, stranger, AnonymousUser()):
        with pytest.raises(PermissionDeniedError):
            access.require_admin(user, org)
    access.require_team_member(finance, org)
    with pytest.raises(PermissionDeniedError):
        access.require_team_member(stranger, org)


def test_an_application_is_seen_only_by_its_administrator():
    admin = MembershipFactory(role="admin")
    finance = MembershipFactory(organization=admin.organization, role="finance").user
    slug = admin.organization.slug
    assert selectors.application_of(admin.user, slug) == admin.organization
    assert selectors.application_of(finance, slug) is None
    assert selectors.my_applications(admin.user) == [admin.organization]


def test_the_public_profile_is_for_licensed_or_suspended_organizations_only():
    for status, shown in (("active", True), ("suspended", True), ("pending", False)):
        org = OrganizationFactory(status=status)
        assert (selectors.organization_public(org.slug) == org) is shown, status


def test_the_filter_list_is_read_again_when_an_organization_changes():
    selectors.forget_filter_organizations()
    first = OrganizationFactory(status="active")
    assert first in selectors.filter_organizations()
    second = OrganizationFactory(status="active")  # its save empties this process's list
    assert {first, second} <= set(selectors.filter_organizations())
