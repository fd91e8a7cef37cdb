"""The home page shows one list of live initiatives, each once: urgent first, then the ones
nearest to their goal, then open-ended ones, then the ones already funded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from joud.campaigns import selectors
from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.ledger.accounts import initiative_account
from joud.ledger.models import AccountTotal
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _raised(initiative, amount: str) -> None:
    AccountTotal.objects.update_or_create(
        account=initiative_account(initiative),
        defaults={"raised": Decimal(amount), "donations": 1},
    )


def _world():
    today = timezone.localdate()
    made = {
        "funded": InitiativeFactory(title_ar="مبادرة مكتملة", goal=Decimal("500.000")),
        "far": InitiativeFactory(title_ar="مبادرة بعيدة", goal=Decimal("1000.000")),
        "open": InitiativeFactory(title_ar="مبادرة مفتوحة", goal=None),
        "near": InitiativeFactory(title_ar="مبادرة قريبة", goal=Decimal("1000.000")),
        "urgent": InitiativeFactory(
            title_ar="مبادرة عاجلة", is_urgent=True, is_featured=True, goal=Decimal("900.000")
        ),
        "near_later": InitiativeFactory(
            title_ar="مبادرة قريبة تنتهي لاحقاً",
            goal=Decimal("2000.000"),
            ends_on=today + dt.timedelta(days=60),
        ),
        "near_sooner": InitiativeFactory(
            title_ar="مبادرة قريبة تنتهي قريباً",
            goal=Decimal("200.000"),
            ends_on=today + dt.timedelta(days=3),
        ),
    }
    _raised(made["funded"], "650.000")
    _raised(made["far"], "100.000")
    _raised(made["near"], "900.000")
    _raised(made["near_later"], "1000.000")
    _raised(made["near_sooner"], "100.000")
    InitiativeFactory(title_ar="مسودة لا تظهر", state=Initiative.State.DRAFT)
    return made


def test_live_initiatives_by_urgency_then_nearness_to_goal():
    made = _world()
    with scopes_disabled():
        order = [i.pk for i in selectors.home_page()["initiatives"]]
    names = {v.pk: k for k, v in made.items()}
    assert [names[pk] for pk in order] == [
        "urgent",
        "near",  # 90 %
        "near_sooner",  # 50 %, ends in three days
        "near_later",  # 50 %, ends in two months
        "far",  # 10 %
        "open",  # no goal to be near to
        "funded",  # reached its goal: last
    ]


def test_home_page_shows_each_initiative_once(client):
    made = _world()
    body = client.get("/?lang=ar").content.decode()
    for item in made.values():
        # the card's title link: once, though "urgent" is also featured
        assert body.count(f'href="{item.get_absolute_url()}">') == 1, item.title_ar
    assert "مسودة لا تظهر" not in body


def test_home_page_cards_are_capped():
    for _ in range(selectors.HOME_CARDS + 2):
        InitiativeFactory()
    with scopes_disabled():
        assert len(selectors.home_page()["initiatives"]) == selectors.HOME_CARDS


def test_the_order_is_decided_at_most_once_a_second(django_assert_num_queries):
    made = _world()
    with scopes_disabled():
        first = selectors.home_order()
        with django_assert_num_queries(0):  # every other view within the second
            assert selectors.home_order() == first
        _raised(made["far"], "999.000")  # the fold moves "far" to 99.9 % of its goal
        assert selectors.home_order() == first
        cache.delete(selectors.HOME_ORDER_KEY)  # the second has passed
        assert selectors.home_order()[1] == made["far"].pk


def test_a_card_that_stopped_being_live_within_the_second_is_not_shown():
    made = _world()
    with scopes_disabled():
        selectors.home_order()
        Initiative.objects.filter(pk=made["urgent"].pk).update(state=Initiative.State.SUSPENDED)
        shown = [i.pk for i in selectors.home_page()["initiatives"]]
    assert made["urgent"].pk not in shown and shown[0] == made["near"].pk
