import pytest

from tests.conftest import login_with_totp
from tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def other_org_admin(db):
    return MembershipFactory(organization=OrganizationFactory(), role="admin").user


@pytest.fixture
def roles(client, donor, org_admin, other_org_admin, reviewer):
    """Each role as a (name, client-maker) pair for permission matrices."""
    from django.test import Client

    made = {}

    def make(role):
        if role in made:
            return made[role]
        c = made[role] = Client()
        if role == "anonymous":
            return c
        if role == "donor":
            c.force_login(donor)
            return c
        user = {"own_admin": org_admin, "other_admin": other_org_admin, "reviewer": reviewer}[role]
        return login_with_totp(c, user)

    return make
