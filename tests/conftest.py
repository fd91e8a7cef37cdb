"""Suite-wide fixtures. The suite runs on PostgreSQL (see joud.settings.test)."""

from __future__ import annotations

import pyotp
import pytest
from django.test import Client

from joud.core.tenancy import scopes_disabled
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _arabic_by_default(settings):
    settings.LANGUAGE_CODE = "ar"


_DB_FIXTURES = {"db", "transactional_db", "client", "admin_client", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Governorates and wilayats come from a migration; a transactional test's flush removes
    them, so put them back before any test that touches the database."""
    if request.node.get_closest_marker("django_db") is None and not (
        _DB_FIXTURES & set(request.fixturenames)
    ):
        return
    request.getfixturevalue("db")
    from joud.geo.data import ensure_loaded

    ensure_loaded()


@pytest.fixture
def unscoped():
    """Read across organizations inside a test, as setup code does."""
    with scopes_disabled():
        yield


@pytest.fixture
def donor(db):
    return UserFactory(full_name="سالم البلوشي")


@pytest.fixture
def organization(db):
    return OrganizationFactory()


@pytest.fixture
def org_admin(db, organization):
    return MembershipFactory(organization=organization, role="admin").user


@pytest.fixture
def reviewer(db):
    return UserFactory(is_ministry_reviewer=True)


def enable_totp(user) -> str:
    """Give ``user`` a TOTP authenticator; return its secret."""
    from allauth.mfa.totp.internal.auth import TOTP

    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    return secret


def login_with_totp(client: Client, user) -> Client:
    """A signed-in client whose user has TOTP, as after a full two-factor sign-in."""
    enable_totp(user)
    client.force_login(user)
    return client


@pytest.fixture
def ministry_client(client, reviewer):
    return login_with_totp(client, reviewer)


@pytest.fixture
def org_client(client, org_admin):
    return login_with_totp(client, org_admin)
