"""One figure, one selector: the console's "live initiatives" is the home page's."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from joud.campaigns.models import Initiative
from joud.campaigns.selectors import HOME_COUNTERS_KEY, HOME_ORDER_KEY, home_page
from joud.core.tenancy import scopes_disabled
from joud.ministry.selectors import national_counters
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_console_and_the_home_page_count_the_same_live_initiatives(ministry_client):
    # a home page drawn by the test before, within the second
    cache.delete_many([HOME_COUNTERS_KEY, HOME_ORDER_KEY])
    suspended = OrganizationFactory(status="suspended")
    with scopes_disabled():
        InitiativeFactory.create_batch(2)
        InitiativeFactory(organization=suspended)  # live, but its organization may not collect
        InitiativeFactory(state=Initiative.State.ENDED)
        home = home_page()["counters"]["initiatives"]
        with translation.override("en"):
            counters = national_counters()
            by_state = {str(label): n for label, n in counters["initiatives_by_state"]}
    assert home == counters["live_count"] == 2
    assert by_state["Live"] == 2
    assert by_state["Live, not collecting (organization suspended)"] == 1
    page = ministry_client.get("/ministry/")
    assert page.context["counters"]["live_count"] == 2


def test_the_waiting_figures_count_every_one_not_the_first_fifty(ministry_client):
    OrganizationFactory.create_batch(52, status="pending")
    page = ministry_client.get("/ministry/")
    assert len(page.context["org_queue"]) == 50
    assert page.context["waiting"]["organizations"] == 52
