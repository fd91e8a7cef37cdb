"""Tokens: kept hashed and shown once, scoped, expiring, revocable; each organization's token
reads only its own organization, on every endpoint; rate limits per token and per address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.api.models import ApiToken
from joud.core.tenancy import scopes_disabled
from tests.api.conftest import bearer, make_token
from tests.api.world import build_side

pytestmark = pytest.mark.django_db

ENDPOINTS = {
    "/api/v1/org/donations": "donations",
    "/api/v1/org/disbursements": "disbursements",
    "/api/v1/org/cases/counts": "cases",
    "/api/v1/org/volunteers": "volunteers",
    "/api/v1/org/webhooks": "webhooks",
}


@pytest.fixture
def sides(db):
    return build_side("a"), build_side("b")


def test_only_the_hash_is_kept_and_the_token_opens_its_organization(client, org_one):
    raw = make_token(org_one, ["donations:read"])
    with scopes_disabled():
        stored = ApiToken.objects.get()
    assert raw not in (stored.digest, stored.prefix, str(stored.scopes))
    assert raw.startswith(f"joud_{stored.prefix}_")
    me = client.get("/api/v1/org/me", **bearer(raw)).json()
    assert me["organization"] == org_one.slug and me["scopes"] == ["donations:read"]
    with scopes_disabled():
        assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "headers",
    [{}, {"HTTP_AUTHORIZATION": "Bearer joud_nothing_here"}, {"HTTP_AUTHORIZATION": "Basic eDp5"}],
)
def test_no_token_or_a_wrong_one_is_refused_with_the_error_body(client, headers):
    response = client.get("/api/v1/org/donations", **headers)
    assert response.status_code == 403
    assert response.json()["code"] in ("token_required", "token_invalid")
    assert response.json()["message_ar"]


def test_a_revoked_or_expired_token_opens_nothing(client, org_one):
    from joud.api.services import token_revoke

    raw = make_token(org_one)
    assert client.get("/api/v1/org/me", **bearer(raw)).status_code == 200
    with scopes_disabled():
        token = ApiToken.objects.get()
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert client.get("/api/v1/org/me", **bearer(raw)).json()["code"] == "token_invalid"
    with scopes_disabled():
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=timezone.now() + dt.timedelta(days=1)
        )
        token_revoke(token=ApiToken.objects.get(), actor=None)
    assert client.get("/api/v1/org/me", **bearer(raw)).status_code == 403


@pytest.mark.parametrize(("path", "area"), ENDPOINTS.items())
def test_each_endpoint_needs_its_scope(client, org_one, path, area):
    others = [f"{a}:write" for a in ENDPOINTS.values() if a != area]
    without = make_token(org_one, others)
    response = client.get(path, **bearer(without))
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"
    assert client.get(path, **bearer(make_token(org_one, [f"{area}:read"]))).status_code == 200


def test_a_read_scope_does_not_write(client, org_one):
    raw = make_token(org_one, ["webhooks:read"])
    response = client.post(
        "/api/v1/org/webhooks",
        {"url": "https://x.example.om/h", "events": ["donation.confirmed"]},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k1",
        **bearer(raw),
    )
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"


def _everything(client, raw) -> str:
    """Every organization endpoint's answer for one token, as one text."""
    return " ".join(client.get(path, **bearer(raw)).content.decode() for path in ENDPOINTS)


def test_every_endpoint_shows_the_tokens_organization_and_never_the_other(client, sides):
    a, b = sides
    for mine, theirs in ((a, b), (b, a)):
        text = _everything(client, make_token(mine.org))
        assert mine.known.reference in text and mine.disbursement.reference in text
        assert theirs.known.reference not in text
        assert theirs.disbursement.reference not in text
        assert mine.anonymous.reference not in text  # anonymous gifts are never listed
        assert "سري" not in text
        assert theirs.known.donor_name not in text
    raw = make_token(a.org)
    donations = client.get("/api/v1/org/donations", **bearer(raw)).json()["items"]
    assert [(d["reference"], d["amount"], d["donor_name"]) for d in donations] == [
        (a.known.reference, "12.500", "متبرع a")
    ]
    counts = client.get("/api/v1/org/cases/counts", **bearer(raw)).json()
    assert counts["total"] == 1 and a.case.reference not in str(counts)
    volunteers = client.get("/api/v1/org/volunteers", **bearer(raw)).json()
    assert [s["id"] for s in volunteers["items"]] == [a.signup.pk]
    assert volunteers["approved_hours"] == "2.5"


def test_another_organizations_webhook_is_not_found(client, sides):
    from joud.api.webhooks.services import endpoint_create

    a, b = sides
    with scopes_disabled():
        theirs, _secret = endpoint_create(
            organization=b.org, actor=None, url="https://b.example.om/h", chosen=["case.decided"]
        )
    raw = make_token(a.org)
    listed = client.get("/api/v1/org/webhooks", **bearer(raw)).json()["items"]
    assert listed == []
    response = client.get(f"/api/v1/org/webhooks/{theirs.pk}/deliveries", **bearer(raw))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_donations_filter_by_date_and_page_with_a_cursor(client, sides):
    a, _b = sides
    raw = make_token(a.org)
    today = timezone.localdate()
    got = client.get("/api/v1/org/donations", {"since": today.isoformat()}, **bearer(raw))
    assert len(got.json()["items"]) == 1
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    got = client.get("/api/v1/org/donations", {"since": tomorrow}, **bearer(raw))
    assert got.json()["items"] == []
    bad = client.get("/api/v1/org/donations", {"since": "2026-13-45"}, **bearer(raw))
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"


def test_rate_limit_per_token(client, org_one, settings):
    settings.JOUD_API_RATE_PER_TOKEN = "3/60"
    settings.JOUD_API_RATE_PER_ADDRESS = "100/60"
    raw, other = make_token(org_one), make_token(org_one)
    statuses = [client.get("/api/v1/org/me", **bearer(raw)).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/org/me", **bearer(raw))
    assert limited.json()["code"] == "rate_limited" and int(limited["Retry-After"]) > 0
    assert client.get("/api/v1/org/me", **bearer(other)).status_code == 200  # its own count


def test_rate_limit_per_address_on_public_endpoints(client, settings):
    settings.JOUD_API_RATE_PER_ADDRESS = "2/60"
    statuses = [client.get("/api/v1/totals").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    elsewhere = client.get("/api/v1/totals", REMOTE_ADDR="10.1.2.3")
    assert elsewhere.status_code == 200
