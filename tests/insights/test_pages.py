"""The dashboards as people use them: each organization sees only its own figures, the
ministry sees all, the Hijri/Gregorian toggle, the priorities ranking, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from joud.core.money import format_money
from joud.insights.services import rollups_rebuild
from joud.insights.tasks import refresh_rollups
from tests.factories import MembershipFactory, OrganizationFactory, governorate
from tests.fixtures.signin import login_with_totp
from tests.insights.helpers import at, gift

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def two_orgs():
    a = OrganizationFactory(name_ar="جمعية أ", governorate=governorate("MA"))
    b = OrganizationFactory(name_ar="جمعية ب", governorate=governorate("ZU"))
    gift(a, when=at(TODAY), amount="111", email="one@example.om")
    gift(b, when=at(TODAY), amount="222", email="two@example.om")
    rollups_rebuild()
    return a, b


def member(client, organization, role="admin"):
    return login_with_totp(client, MembershipFactory(organization=organization, role=role).user)


def given(response) -> str:
    html = response.content.decode().replace('<span class="grp">\u202f</span>', "\u202f")
    start = html.index('data-figure="given"')
    return html[start : start + 120]


def test_organization_dashboard_shows_only_its_own_money(client, two_orgs):
    a, b = two_orgs
    page = member(client, a).get(reverse("insights:organization"), {"axis": "gregorian"})
    assert page.status_code == 200
    assert "١١١" in given(page) and "٢٢٢" not in page.content.decode()
    assert "ظفار" not in page.content.decode()  # b's governorate


def test_the_other_organization_sees_its_own_and_not_the_first(client, two_orgs):
    _a, b = two_orgs
    page = member(client, b).get(reverse("insights:organization"))
    assert "٢٢٢" in given(page) and "١١١" not in page.content.decode()


def test_ministry_sees_the_national_total(ministry_client, two_orgs):
    page = ministry_client.get(reverse("insights:ministry"))
    assert page.status_code == 200
    assert "٣٣٣" in given(page)
    assert 'id="chart-time"' in page.content.decode()


def test_axis_toggle_labels_months_in_hijri_or_gregorian(ministry_client, two_orgs, settings):
    settings.LANGUAGE_CODE = "en"
    hijri = ministry_client.get(reverse("insights:ministry"), {"axis": "hijri", "lang": "en"})
    greg = ministry_client.get(reverse("insights:ministry"), {"axis": "gregorian", "lang": "en"})
    assert " AH</bdi>" in hijri.content.decode()
    assert f"{TODAY:%B %Y}" in greg.content.decode()
    assert " AH</bdi>" not in greg.content.decode()


def test_not_enough_data_yet_when_nothing_was_given(ministry_client):
    page = ministry_client.get(reverse("insights:ministry"))
    assert page.status_code == 200
    assert (
        "ليست هناك بيانات كافية" in page.content.decode()
        or "Not enough data" in page.content.decode()
    )


@pytest.mark.parametrize(
    "query",
    [
        {"axis": "\x07", "period": "1e309"},
        {"period": "9" * 400},
        {"axis": "<script>", "period": "-1"},
    ],
)
def test_bad_filters_fall_back_to_the_defaults(ministry_client, query):
    assert ministry_client.get(reverse("insights:ministry"), query).status_code == 200


def test_priorities_rank_the_governorate_with_open_needs_first(ministry_client, case_a):
    rollups_rebuild()
    page = ministry_client.get(reverse("insights:priorities"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('class="gov shade-') == 11  # every governorate drawn
    # The case is in Nizwa (Ad Dakhiliyah): its governorate is ranked first, darkest.
    assert 'class="gov shade-0" data-code="DA"' not in html
    table = html[html.index('data-table="governorates"') :]
    assert table.index('data-code="DA"') < table.index('data-code="MA"')
    filtered = ministry_client.get(reverse("insights:priorities"), {"category": "medical"})
    assert 'class="gov shade-0" data-code="DA"' in filtered.content.decode()
    bad = ministry_client.get(reverse("insights:priorities"), {"category": "\x07<x>"})
    assert bad.status_code == 200


def test_donors_page_is_for_admins_and_finance_not_caseworkers(client, two_orgs):
    a, _b = two_orgs
    assert member(client, a, "caseworker").get(reverse("insights:donors")).status_code == 403
    client.logout()
    assert member(client, a, "finance").get(reverse("insights:donors")).status_code == 200


def test_dashboard_links_from_the_console_and_the_organization_dashboard(ministry_client, two_orgs):
    console = ministry_client.get(reverse("web:ministry_console"))
    assert reverse("insights:ministry") in console.content.decode()


def test_org_dashboard_links_to_insights(client, two_orgs):
    a, _b = two_orgs
    page = member(client, a).get(reverse("web:org_dashboard"))
    assert reverse("insights:organization") in page.content.decode()


def test_period_filter_keeps_older_gifts_out(client):
    org = OrganizationFactory()
    gift(org, when=at(TODAY - dt.timedelta(days=200)), amount="40", email="old@example.om")
    gift(org, when=at(TODAY), amount="3", email="new@example.om")
    rollups_rebuild()
    c = member(client, org)
    year = given(c.get(reverse("insights:organization"), {"period": "365"}))
    quarter = given(c.get(reverse("insights:organization"), {"period": "90"}))
    assert format_money(Decimal(43), language="ar") in year
    assert format_money(Decimal(3), language="ar") in quarter


def test_a_new_gift_shows_after_the_next_refresh_not_before(ministry_client, two_orgs):
    a, _b = two_orgs
    url = reverse("insights:ministry")
    assert format_money(Decimal(333), language="ar") in given(ministry_client.get(url))
    gift(a, when=at(TODAY), amount="1000", email="late@example.om")
    assert format_money(Decimal(333), language="ar") in given(ministry_client.get(url))  # cached
    refresh_rollups.call()  # the periodic job: refresh, new version, national views computed
    assert format_money(Decimal(1333), language="ar") in given(ministry_client.get(url))
