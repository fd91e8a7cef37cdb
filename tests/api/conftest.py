"""The API's tests: two organizations, each with a token, and a clean rate-limit cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from joud.api.auth import MINISTRY_SCOPES, SCOPES
from joud.api.services import ministry_token_create, token_create
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def make_token(org, scopes=None, days: int = 30, admin=None) -> str:
    admin = admin or MembershipFactory(organization=org, role="admin").user
    _token, raw = token_create(
        organization=org, actor=admin, name="books", scopes=scopes or list(SCOPES), days=days
    )
    return raw


def make_ministry_token(officer=None, scopes=None, days: int = 30) -> str:
    officer = officer or UserFactory(is_ministry_reviewer=True)
    _token, raw = ministry_token_create(
        officer=officer, name="ministry systems", scopes=scopes or list(MINISTRY_SCOPES), days=days
    )
    return raw


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def org_one(db):
    return OrganizationFactory(name_ar="جمعية الأولى", slug="first-assoc")


@pytest.fixture
def org_two(db):
    return OrganizationFactory(name_ar="جمعية الثانية", slug="second-assoc")
