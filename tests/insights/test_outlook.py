"""The forecast where people read it: the nightly job's rows, "next Ramadan, expect …" on the
dashboards (or "not enough data yet"), each live initiative's expected goal date, and the
suggestions (live initiatives only, not what the donor already gave to)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from joud.campaigns.models import Initiative
from joud.insights.forecast import synthetic
from joud.insights.forecast.outlook import forecast_outlook, next_ramadan_year
from joud.insights.forecast.services import forecasts_refresh, goal_outlooks_refresh
from joud.insights.models import (
    DailyRollup,
    ForecastDay,
    GoalOutlook,
    NationalSlice,
    SimilarInitiative,
)
from joud.insights.recommend.selectors import suggested_initiatives
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory
from tests.insights.helpers import at, gift

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 10)  # 21 Rajab 1447: Ramadan 1447 begins on 18 February 2026


def test_next_ramadan_year_across_the_month():
    assert next_ramadan_year(dt.date(2026, 1, 10)) == 1447
    assert next_ramadan_year(dt.date(2026, 3, 19)) == 1447  # its last day
    assert next_ramadan_year(dt.date(2026, 3, 20)) == 1448  # Eid al-Fitr


def test_the_nightly_job_forecasts_the_national_series_and_the_page_says_it(ministry_client):
    history = synthetic.SERIES[0].generate(dt.date(2023, 1, 1), TODAY - dt.timedelta(days=1))
    NationalSlice.objects.bulk_create(
        NationalSlice(day=d, dimension="all", value="", amount=Decimal(f"{v:.3f}"), gifts=1)
        for d, v in history.items()
    )
    done = forecasts_refresh(today=TODAY)
    assert done["days"] == 401 and done["skipped"] == 0
    assert ForecastDay.objects.filter(scope="national", day=TODAY).exists()
    outlook = forecast_outlook(scope="national", today=TODAY)
    assert outlook.ramadan_year == 1447 and outlook.ramadan_starts == dt.date(
        2026, 2, 19
    )  # Oman's 1 Ramadan 1447
    assert outlook.ramadan.lo <= outlook.ramadan.forecast <= outlook.ramadan.hi
    # Ramadan's 29 or 30 days weigh far more than 30 ordinary days of Rajab and Shaban.
    assert outlook.ramadan.forecast > 2 * outlook.next_30.forecast
    assert outlook.last_ten.forecast > outlook.ramadan.forecast / 3


def test_dashboards_say_not_enough_data_without_a_forecast(ministry_client):
    page = ministry_client.get(reverse("insights:ministry"), {"lang": "en"}).content.decode()
    assert 'data-figure="no-forecast"' in page and "Not enough data yet" in page
    arabic = ministry_client.get(reverse("insights:ministry"), {"lang": "ar"}).content.decode()
    assert "لا تكفي البيانات بعد" in arabic


def test_dashboard_shows_next_ramadan(ministry_client):
    for n in range(400):
        ForecastDay.objects.create(
            scope="national", day=dt.date.today() + dt.timedelta(days=n), forecast=100, lo=80,
            hi=130, computed_on=dt.date.today(),
        )  # fmt: skip
    page = ministry_client.get(reverse("insights:ministry"), {"lang": "en"}).content.decode()
    assert 'data-figure="ramadan"' in page and "Next Ramadan" in page


def _rollup(org, initiative, day, amount):
    DailyRollup.unscoped.create(
        day=day, organization=org, initiative=initiative, category="orphans", channel="sandbox",
        amount=Decimal(amount), gifts=1,
    )  # fmt: skip


def test_goal_outlook_from_the_initiatives_share_of_its_organizations_forecast():
    org = OrganizationFactory()
    initiative = InitiativeFactory(organization=org, goal=Decimal("380"), ends_on=None)
    quiet = InitiativeFactory(organization=org, goal=Decimal("500"))
    reached = InitiativeFactory(organization=org, goal=Decimal("50"))
    for n in range(1, 29):
        day = TODAY - dt.timedelta(days=n)
        _rollup(org, initiative, day, "10")  # 280 raised, a tenth of the organization's
        _rollup(org, None, day, "90")
    _rollup(org, reached, TODAY - dt.timedelta(days=40), "60")
    for n in range(400):
        ForecastDay.objects.create(
            scope="organization", key=str(org.pk), day=TODAY + dt.timedelta(days=n),
            forecast=100, lo=80, hi=120, computed_on=TODAY,
        )  # fmt: skip
    assert goal_outlooks_refresh(today=TODAY) == 3
    outlook = GoalOutlook.unscoped.get(initiative=initiative)
    # 100 still needed at a tenth of 100 a day (8 to 12 a day at the interval's ends).
    assert outlook.status == "expected"
    assert outlook.expected_on == TODAY + dt.timedelta(days=9)
    assert outlook.earliest_on == TODAY + dt.timedelta(days=8)
    assert outlook.latest_on == TODAY + dt.timedelta(days=12)
    assert GoalOutlook.unscoped.get(initiative=quiet).status == "no_data"
    assert GoalOutlook.unscoped.get(initiative=reached).status == "reached"


def test_suggestions_are_live_and_new_to_the_donor():
    donor = UserFactory()
    given, similar, suspended, other = InitiativeFactory.create_batch(4)
    suspended.state = Initiative.State.SUSPENDED
    suspended.save()
    gift(given.organization, when=at(TODAY), initiative=given, email="d@example.om")
    from joud.donations.models import Donation

    Donation.unscoped.filter(initiative=given).update(donor=donor)
    SimilarInitiative.objects.create(initiative=given, other=suspended, score=0.9)
    SimilarInitiative.objects.create(initiative=given, other=similar, score=0.5)
    suggestions = suggested_initiatives(user=donor, limit=3)
    assert suggestions[0] == similar
    assert suspended not in suggestions and given not in suggestions
    after = suggested_initiatives(after=given, limit=3)
    assert after[0] == similar and given not in after


def test_an_organization_sees_only_its_own_forecast_and_goals(client):
    from tests.factories import MembershipFactory
    from tests.fixtures.signin import login_with_totp

    a, b = OrganizationFactory(), OrganizationFactory()
    mine = InitiativeFactory(organization=a, title_en="Alpha wells")
    GoalOutlook.unscoped.create(
        organization=a, initiative=mine, status="expected", expected_on=TODAY,
        earliest_on=TODAY, latest_on=TODAY, computed_on=TODAY,
    )  # fmt: skip
    for n in range(400):
        ForecastDay.objects.create(
            scope="organization", key=str(a.pk), day=dt.date.today() + dt.timedelta(days=n),
            forecast=10, lo=5, hi=20, computed_on=dt.date.today(),
        )  # fmt: skip
    login_with_totp(client, MembershipFactory(organization=b, role="admin").user)
    other = client.get(reverse("insights:organization"), {"lang": "en"}).content.decode()
    assert 'data-figure="no-forecast"' in other and "Alpha wells" not in other
    client.logout()
    login_with_totp(client, MembershipFactory(organization=a, role="admin").user)
    own = client.get(reverse("insights:organization"), {"lang": "en"}).content.decode()
    assert 'data-figure="ramadan"' in own and "Alpha wells" in own


def test_the_for_you_page_renders_the_include(client):
    from tests.fixtures.signin import login_with_totp

    live = InitiativeFactory(title_en="Beta school meals")
    InitiativeFactory(title_en="Gamma suspended", state=Initiative.State.SUSPENDED)
    assert client.get(reverse("insights:for_you")).status_code == 302
    login_with_totp(client, UserFactory())
    page = client.get(reverse("insights:for_you"), {"lang": "en"}).content.decode()
    assert "data-suggestions" in page and live.get_absolute_url() in page
    assert "Gamma suspended" not in page
