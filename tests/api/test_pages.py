"""The dashboard's API pages: a token is shown once and kept hashed, revoked by the
administrator; webhooks are added with a secret shown once; other organizations see nothing."""

from __future__ import annotations

import re

import pytest

from joud.api.models import ApiToken, WebhookEndpoint
from joud.core.tenancy import scopes_disabled
from tests.api.conftest import bearer
from tests.factories import MembershipFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_one(org_one):
    return MembershipFactory(organization=org_one, role="admin").user


def test_the_dashboard_links_to_the_api_page(client, admin_one):
    login_with_totp(client, admin_one)
    assert 'href="/org/api/"' in client.get("/org/").content.decode()


def test_a_token_is_shown_once_then_only_its_prefix(client, admin_one, org_one):
    login_with_totp(client, admin_one)
    response = client.post(
        "/org/api/", {"name": "المحاسبة", "scopes": ["donations:read"], "days": "30"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    (raw,) = re.findall(r"joud_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}", page)
    assert client.get("/api/v1/org/me", **bearer(raw)).json()["organization"] == org_one.slug
    later = client.get("/org/api/").content.decode()
    assert raw not in later and raw[:13] in later


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "scopes": ["donations:read"], "days": "30"},
        {"name": "x", "scopes": ["everything:write"], "days": "30"},
        {"name": "x", "scopes": ["donations:read"], "days": "99999999999999999999"},
        {"name": "x\x00y", "scopes": ["donations:read"], "days": "1e3"},
    ],
)
def test_bad_token_forms_are_refused_in_arabic(client, admin_one, data):
    login_with_totp(client, admin_one)
    response = client.post("/org/api/", data)
    assert response.status_code == 400
    with scopes_disabled():
        assert not ApiToken.objects.exists()


def test_revoke_by_the_admin_and_not_by_another_organizations(client, admin_one, org_two):
    from joud.api.services import token_create

    with scopes_disabled():
        token, raw = token_create(
            organization=admin_one.memberships.get().organization,
            actor=admin_one,
            name="x",
            scopes=["donations:read"],
            days=5,
        )
    stranger = MembershipFactory(organization=org_two, role="admin").user
    login_with_totp(client, stranger)
    assert client.post(f"/org/api/tokens/{token.pk}/revoke/").status_code == 404
    assert client.get("/api/v1/org/me", **bearer(raw)).status_code == 200
    client.logout()
    login_with_totp(client, admin_one)
    assert client.post(f"/org/api/tokens/{token.pk}/revoke/").status_code == 302
    assert client.get("/api/v1/org/me", **bearer(raw)).json()["code"] == "token_invalid"


def test_a_webhook_is_added_with_its_secret_shown_once(client, admin_one):
    login_with_totp(client, admin_one)
    response = client.post(
        "/org/api/webhooks/",
        {"url": "https://books.example.om/joud", "events": ["donation.confirmed"]},
    )
    assert response.status_code == 200
    assert re.search(r"whsec_[A-Za-z0-9_-]{20,}", response.content.decode())
    with scopes_disabled():
        endpoint = WebhookEndpoint.objects.get()
    assert "whsec_" not in endpoint.secret  # kept encrypted
    assert "whsec_" not in client.get("/org/api/webhooks/").content.decode()
    detail = client.post(f"/org/api/webhooks/{endpoint.pk}/", {"action": "off"})
    assert detail.status_code == 302
    with scopes_disabled():
        assert not WebhookEndpoint.objects.get().is_active
