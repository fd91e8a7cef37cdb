"""Fixtures for volunteering tests."""

from __future__ import annotations

import pytest

from tests.conftest import login_with_totp
from tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def org(db):
    return OrganizationFactory(slug="khair-test")


@pytest.fixture
def coordinator(org):
    return MembershipFactory(organization=org, role="coordinator").user


@pytest.fixture
def coordinator_client(client, coordinator):
    return login_with_totp(client, coordinator)
