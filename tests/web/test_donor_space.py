"""The donor's space (/me/, the bottom bar's تبرعاتي): totals this Hijri year and all time, the
charts' figures, receipts by Hijri year page by page, and the plans with their next charge."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import hijri_month_start, to_hijri
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.donations.recurring import recurring_plan_create
from tests.factories import InitiativeFactory, UserFactory
from tests.web.gifts import bulk_gifts

pytestmark = pytest.mark.django_db


def page(client, path="/me/", lang="en", **params):
    client.cookies["joud_language"] = lang
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def island(html: str, name: str) -> dict:
    found = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    assert found, name
    return json.loads(found.group(1))


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def year():
    return to_hijri(timezone.localdate())[0]


def test_totals_this_hijri_year_and_all_time_less_refunds(client, donor, year):
    orphans = InitiativeFactory(category="orphans")
    meals = InitiativeFactory(category="school_meals")
    last_year = _noon(hijri_month_start(year, 1) - dt.timedelta(days=3))
    bulk_gifts(donor=donor, initiative=orphans, count=2, amount="10.000")
    bulk_gifts(donor=donor, initiative=meals, count=1, amount="7.250")
    bulk_gifts(donor=donor, initiative=meals, count=1, amount="100.000", start=last_year)
    part = bulk_gifts(donor=donor, initiative=orphans, count=1, amount="4.000")[0]
    with scopes_disabled():
        Donation.objects.filter(pk=part.pk).update(
            state=Donation.State.PARTIALLY_REFUNDED, refunded_amount=Decimal("1.000")
        )
    bulk_gifts(donor=donor, initiative=orphans, count=1, amount="50.000", state="failed")
    bulk_gifts(donor=UserFactory(), initiative=orphans, count=3, amount="9.000")  # someone else
    client.force_login(donor)
    html = page(client)
    this_year = re.search(r'data-total="year">(.*?)</div>', html, re.S).group(1)
    all_time = re.search(r'data-total="all">(.*?)</div>', html, re.S).group(1)
    assert "OMR\xa030.250" in this_year and "4 gifts" in this_year  # 20 + 7.250 + 3
    assert "OMR\xa0130.250" in all_time and "5 gifts" in all_time
    categories = island(html, "category-chart-data")
    assert categories["labels"] == ["Orphans", "School meals"]
    assert categories["series"][0]["values"] == ["23.000", "7.250"]
    months = island(html, "month-chart-data")
    assert len(months["labels"]) == 12 and months["labels"][0] == "Muharram"
    assert sum(Decimal(v) for v in months["series"][0]["values"]) == Decimal("30.250")
    assert months["rtl"] is False and "9.000" not in json.dumps(months)


def test_arabic_page_reads_in_arabic_digits_and_right_to_left(client, donor, year):
    bulk_gifts(donor=donor, initiative=InitiativeFactory(category="orphans"), count=1)
    client.force_login(donor)
    html = page(client, lang="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert ("٥ ر.ع." in html and "كفالة الأيتام" in html) or "الأيتام" in html
    chart = island(html, "month-chart-data")
    assert chart["rtl"] is True and chart["locale"] == "ar-OM-u-nu-arab"
    assert chart["labels"][8] == "رمضان"


def test_receipts_are_paginated_and_filtered_by_hijri_year(client, donor, year):
    initiative = InitiativeFactory()
    start = _noon(timezone.localdate())
    if to_hijri(start.date())[0] != to_hijri((start - dt.timedelta(hours=7 * 44)).date())[0]:
        start = _noon(hijri_month_start(year, 1) + dt.timedelta(days=20))
    gifts = bulk_gifts(donor=donor, initiative=initiative, count=45, start=start)
    old = bulk_gifts(
        donor=donor, initiative=initiative, count=2, start=_noon(hijri_month_start(year - 2, 3))
    )
    client.force_login(donor)
    first = page(client)
    shown = re.findall(r'data-reference="([^"]+)"', first)
    assert shown == [g.reference for g in gifts[:20]]
    assert (
        "Page <bdi>1</bdi> of <bdi>3</bdi>" in first and f'href="?year={year}&amp;page=2"' in first
    )
    third = page(client, page=3, year=year)
    assert re.findall(r'data-reference="([^"]+)"', third) == [g.reference for g in gifts[40:]]
    older = page(client, year=year - 2)
    assert re.findall(r'data-reference="([^"]+)"', older) == [g.reference for g in old]
    assert f'<option value="{year - 2}" selected>' in older
    assert f'<option value="{year - 1}">' in older  # every year since the first gift
    everything = page(client, year="all", page=3)
    assert len(re.findall(r'data-reference="', everything)) == 7
    assert f"/receipts/donation/{gifts[0].reference}/pdf/" in first


@pytest.mark.parametrize("raw", ["abc", "1e5", "99999999999999999999", "-1", "١٤٤٨x"])
def test_a_bad_year_or_page_shows_this_year(client, donor, year, raw):
    client.force_login(donor)
    html = page(client, year=raw, page=raw)
    assert f'<option value="{year}" selected>' in html


def test_plans_show_their_next_charge(client, donor, year):
    initiative = InitiativeFactory(title_en="Family support")
    with scopes_disabled():
        plan = recurring_plan_create(
            organization=initiative.organization,
            target="initiative",
            initiative=initiative,
            amount=Decimal("3.500"),
            frequency="monthly",
            donor=donor,
            donor_phone="91234567",
        )
    client.force_login(donor)
    html = page(client)
    assert f"/give/plan/{plan.token}/" in html and "OMR\xa03.500" in html
    assert "Next charge" in html and "Every month" in html


def test_the_bottom_bar_opens_the_donor_space_which_does_not_repeat_the_menu(client, donor):
    client.force_login(donor)
    html = page(client, "/", lang="ar")
    bar = re.search(r'<nav class="bottom-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/me/">تبرعاتي</a>' in bar
    space = page(client, lang="ar")
    assert 'list-group-item-action" href="/initiatives/"' not in space
    old = client.get("/give/mine/")
    assert old.status_code == 301 and old["Location"] == "/me/"


def test_the_donor_space_asks_a_visitor_to_sign_in(client):
    response = client.get("/me/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
