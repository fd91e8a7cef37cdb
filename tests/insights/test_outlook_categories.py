"""Each category's forecast on the dashboards: nationally for the ministry, the organization's
own categories on its page; the next Ramadan, its last ten nights and the next 30 days with
their ranges in words, and "not enough data yet" for a category given to without a forecast."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from joud.core.dates import last_ten_nights, ramadan_dates
from joud.core.money import format_money
from joud.insights.forecast import synthetic
from joud.insights.forecast.outlook import category_outlooks, next_ramadan_year
from joud.insights.forecast.services import forecasts_refresh
from joud.insights.models import DailyRollup, ForecastDay, NationalSlice
from tests.factories import MembershipFactory, OrganizationFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


def _flat(scope: str, key: str, forecast=100, lo=80, hi=130):
    today = timezone.localdate()
    ForecastDay.objects.bulk_create(
        ForecastDay(
            scope=scope, key=key, day=today + dt.timedelta(days=n), forecast=forecast, lo=lo,
            hi=hi, computed_on=today,
        )
        for n in range(400)
    )  # fmt: skip


def _ramadan_days() -> int:
    today = timezone.localdate()
    return len([d for d in ramadan_dates(next_ramadan_year(today)) if d >= today])


def _section(html: str) -> str:
    """The category table's text (tags taken off, spaces folded)."""
    part = html.split("data-forecast-categories", 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", part).split()).replace(" ,", ",")


def _money(amount, language):
    with translation.override(language):
        return " ".join(format_money(Decimal(amount)).split())


def test_the_nightly_job_forecasts_each_organizations_categories():
    org = OrganizationFactory()
    today = dt.date(2026, 1, 10)
    history = synthetic.SERIES[0].generate(dt.date(2024, 6, 1), today - dt.timedelta(days=1))
    DailyRollup.unscoped.bulk_create(
        DailyRollup(
            day=d, organization=org, category="orphans", channel="sandbox",
            amount=Decimal(f"{v:.3f}"), gifts=1,
        )
        for d, v in history.items()
    )  # fmt: skip
    DailyRollup.unscoped.create(  # a category given to once: too little history
        day=today - dt.timedelta(days=3), organization=org, category="health", channel="sandbox",
        amount=Decimal("7"), gifts=1,
    )  # fmt: skip
    done = forecasts_refresh(today=today)
    keys = set(ForecastDay.objects.values_list("scope", "key").distinct())
    assert ("org_category", f"{org.pk}:orphans") in keys
    assert ("org_category", f"{org.pk}:health") not in keys and done["skipped"] == 1
    rows = category_outlooks(organization_id=org.pk, given_labels=["Health"], today=today)
    assert [r.outlook is not None for r in rows] == [True, False]
    orphans = rows[0].outlook
    assert orphans.ramadan.lo <= orphans.ramadan.forecast <= orphans.ramadan.hi
    assert orphans.ramadan.forecast > 2 * orphans.next_30.forecast  # Ramadan weighs


def test_the_ministry_sees_each_category_in_words_both_languages(ministry_client):
    _flat("category", "orphans")
    _flat("category", "health", forecast=10, lo=5, hi=20)
    NationalSlice.objects.create(  # school meals given to, without a forecast yet
        day=timezone.localdate() - dt.timedelta(days=2), dimension="category",
        value="school_meals", amount=Decimal("40"), gifts=2,
    )  # fmt: skip
    page = ministry_client.get(reverse("insights:ministry"), {"lang": "en"}).content.decode()
    raw = page.split("data-forecast-categories", 1)[1].split("</section>", 1)[0]
    section = _section(page)
    n = _ramadan_days()
    year = next_ramadan_year(timezone.localdate())
    assert f"In Ramadan {year} AH, expect about {_money(100 * n, 'en')}" in section
    assert f"from {_money(80 * n, 'en')} to {_money(130 * n, 'en')}" in section
    nights = len([d for d in last_ten_nights(year) if d >= timezone.localdate()])
    assert f"about {_money(10 * nights, 'en')}" in section  # health's last ten nights
    assert f"about {_money(3000, 'en')}" in section  # orphans' next 30 days
    # Largest first; the category without a forecast last, said so.
    assert section.index("Orphan") < section.index("Health") < section.index("School meals")
    assert raw.count('data-category-forecast="no"') == 1
    assert "Not enough data yet" in raw.split('data-category-forecast="no"')[1]
    arabic = ministry_client.get(reverse("insights:ministry"), {"lang": "ar"}).content.decode()
    section = _section(arabic)
    assert _money(100 * n, "ar") in section and "لا تكفي البيانات بعد" in section
    assert "في رمضان" in section


def test_an_organization_sees_only_its_own_categories(client):
    a, b = OrganizationFactory(), OrganizationFactory()
    _flat("org_category", f"{a.pk}:orphans")
    _flat("org_category", f"{b.pk}:health", forecast=55)
    _flat("org_category", f"{a.pk}0:health", forecast=77)  # another id that starts like a's
    login_with_totp(client, MembershipFactory(organization=a, role="admin").user)
    page = client.get(reverse("insights:organization"), {"lang": "en"}).content.decode()
    section = _section(page)
    assert "Orphan" in section and "Health" not in section
    assert _money(55 * 30, "en") not in section and _money(77 * 30, "en") not in section
    assert f"about {_money(3000, 'en')}" in section


def test_no_category_table_without_forecasts_or_gifts(ministry_client):
    page = ministry_client.get(reverse("insights:ministry"), {"lang": "en"}).content.decode()
    assert "data-forecast-categories" not in page
