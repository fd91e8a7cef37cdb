"""Fixtures for beneficiary cases: organizations, caseworkers, cases made through the services."""

from __future__ import annotations

import pytest

from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.factories import make_case
from tests.conftest import login_with_totp
from tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def org_a(db):
    return OrganizationFactory(name_ar="جمعية أ")


@pytest.fixture
def org_b(db):
    return OrganizationFactory(name_ar="جمعية ب")


@pytest.fixture
def caseworker_a(org_a):
    return MembershipFactory(organization=org_a, role="caseworker").user


@pytest.fixture
def admin_a(org_a):
    return MembershipFactory(organization=org_a, role="admin").user


@pytest.fixture
def caseworker_b(org_b):
    return MembershipFactory(organization=org_b, role="caseworker").user


@pytest.fixture
def client_a(client, caseworker_a):
    return login_with_totp(client, caseworker_a)


@pytest.fixture
def case_a(org_a, caseworker_a):
    with scopes_disabled():
        return make_case(org_a, caseworker_a)
