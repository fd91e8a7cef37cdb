"""Public endpoints: what the site's public pages show, as JSON, without a token."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.api.schemas import amount
from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from tests.donations.factories import make_donation, pay
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_initiatives_are_the_public_ones_newest_first_with_a_cursor(client):
    org = OrganizationFactory()
    live = [InitiativeFactory(organization=org) for _ in range(5)]
    InitiativeFactory(organization=org, state=Initiative.State.DRAFT, title_ar="مسودة سرية")
    codes, cursor = [], ""
    for _ in range(3):
        data = client.get("/api/v1/initiatives", {"limit": 2, "cursor": cursor}).json()
        codes += [item["code"] for item in data["items"]]
        cursor = data["next_cursor"]
        if cursor is None:
            break
    assert codes == [i.public_code for i in reversed(live)]
    assert cursor is None


def test_initiatives_filter_by_words_category_and_organization(client):
    org, other = OrganizationFactory(), OrganizationFactory()
    meals = InitiativeFactory(organization=org, category="school_meals", title_ar="وجبة مدرسية")
    InitiativeFactory(organization=org, category="orphans")
    InitiativeFactory(organization=other, category="school_meals")
    got = client.get("/api/v1/initiatives", {"category": "school_meals", "organization": org.slug})
    assert [i["code"] for i in got.json()["items"]] == [meals.public_code]
    # Spelling variants folded as on the site: ة/ه.
    got = client.get("/api/v1/initiatives", {"q": "مدرسيه"})
    assert [i["code"] for i in got.json()["items"]] == [meals.public_code]
    assert client.get("/api/v1/initiatives", {"category": "nope"}).json()["items"] == []


def test_one_initiative_and_a_draft_is_not_found_with_a_bilingual_error(client):
    item = InitiativeFactory(goal="1000.000")
    data = client.get(f"/api/v1/initiatives/{item.public_code}").json()
    assert data["goal"] == "1000.000" and data["organization"]["slug"] == item.organization.slug
    draft = InitiativeFactory(state=Initiative.State.DRAFT)
    response = client.get(f"/api/v1/initiatives/{draft.public_code}")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["message_en"] == "Nothing was found at this address."
    assert body["message_ar"] and body["message_ar"] != body["message_en"]


def test_money_in_and_out_is_the_ledgers(client, initiative):
    donation, attempt = make_donation(initiative=initiative, amount="7.250")
    pay(attempt)
    data = client.get(f"/api/v1/initiatives/{initiative.public_code}/money").json()
    assert data["currency"] == "OMR"
    assert data["totals"]["given"] == "7.250"
    org = client.get(f"/api/v1/organizations/{initiative.organization.slug}/money").json()
    assert org["totals"]["given"] == "7.250"


def test_verify_says_what_the_verification_page_says(client):
    item = InitiativeFactory()
    data = client.get(f"/api/v1/verify/{item.public_code.lower()}").json()
    assert data["status"] == "licensed" and data["initiative"] == item.public_code
    assert client.get("/api/v1/verify/NOPE42").json()["status"] == "unknown"
    with scopes_disabled():
        item.organization.status = "suspended"
        item.organization.save()
    assert client.get(f"/api/v1/verify/{item.public_code}").json()["status"] == "suspended"


def test_organizations_profile_and_unlicensed_ones_are_not_found(client):
    org = OrganizationFactory(description_ar="نبذة")
    pending = OrganizationFactory(status="pending")
    listed = [o["slug"] for o in client.get("/api/v1/organizations").json()["items"]]
    assert org.slug in listed and pending.slug not in listed
    data = client.get(f"/api/v1/organizations/{org.slug}").json()
    assert data["description_ar"] == "نبذة" and data["scorecard"] is None
    assert client.get(f"/api/v1/organizations/{pending.slug}").status_code == 404


def test_totals_count_live_initiatives(client):
    InitiativeFactory()
    InitiativeFactory(state=Initiative.State.DRAFT)
    data = client.get("/api/v1/totals").json()
    assert data["live_initiatives"] == 1 and data["currency"] == "OMR"


@pytest.mark.parametrize(
    "query",
    [
        {"cursor": "not-a-cursor"},
        {"limit": "0"},
        {"limit": "1e9"},
        {"limit": "99999999999999999999999"},
        {"q": "x" * 500},
        {"ending_soon": "maybe"},
    ],
)
def test_bad_input_is_a_400_with_the_error_body(client, query):
    response = client.get("/api/v1/initiatives", query)
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message_ar", "message_en"}


def test_control_characters_in_a_code_are_not_found(client):
    assert client.get("/api/v1/verify/AB%07C").json()["status"] == "invalid"
    assert client.get("/api/v1/initiatives/AB%07C").json()["code"] == "not_found"
    assert client.get("/api/v1/organizations/a%07b").json()["code"] == "not_found"
    assert client.get("/api/v1/verify/AB%00C").status_code == 404  # refused before the API


def test_amounts_are_quantised_by_the_money_module_per_currency():
    assert amount(Decimal("7.25")) == "7.250"
    assert amount(Decimal("7.2505")) == "7.251"  # half up, as the books round
    assert amount(Decimal("1e5")) == "100000.000"
    assert amount(Decimal("12.5"), "USD") == "12.50"
    assert amount(None) is None
