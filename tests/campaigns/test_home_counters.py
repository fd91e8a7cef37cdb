"""The home page's national figures come from the folded totals at most once a second, not from
three aggregates on every view."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.cache import cache

from joud.campaigns import selectors
from joud.core.tenancy import scopes_disabled
from joud.ledger.accounts import initiative_account
from joud.ledger.models import AccountTotal
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_the_national_figures_are_read_once_a_second(client, django_assert_num_queries):
    cache.delete(selectors.HOME_COUNTERS_KEY)
    initiative = InitiativeFactory()
    with scopes_disabled():
        first = selectors.home_counters()
        with django_assert_num_queries(0):  # every other view within the second
            assert selectors.home_counters() == first
        assert first["initiatives"] >= 1
        # the fold moves the initiative's total; the next second's figures show it
        AccountTotal.objects.update_or_create(
            account=initiative_account(initiative),
            defaults={"raised": Decimal("7.500"), "donations": 3},
        )
        assert selectors.home_counters() == first  # within the same second
        cache.delete(selectors.HOME_COUNTERS_KEY)  # the second has passed
        again = selectors.home_counters()
    assert again["raised"] == first["raised"] + Decimal("7.500")
    assert again["donors"] == first["donors"] + 3
    assert client.get("/").status_code == 200
