"""The demo's obligations: rates for last year and this, last Ramadan's fitr gifts dated inside
last year's window, their distribution (one record late), kaffarah and fidya; the ledger still
verifies; a second run adds nothing."""

from __future__ import annotations

import random

import pytest

from joud.campaigns.models import Initiative
from joud.core.dates import to_hijri
from joud.demo import obligations as demo
from joud.demo.world import _seed_core
from joud.ledger.selectors import account_balance
from joud.ledger.verify import ledger_verify
from joud.obligations import rules, selectors
from joud.obligations.models import ExpiationGift, FitrGift, FitrProgramme, FitrRate, MealPrice
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_demo_obligations(unscoped, client):
    world: dict = {}
    _seed_core(random.Random(1), world)
    InitiativeFactory(category="school_meals", state=Initiative.State.LIVE)
    assert demo.seed(random.Random(2), world) is True
    upcoming = rules.next_fitr_window()
    last = rules.fitr_window(upcoming.hijri_year - 1)
    assert last.closes <= rules.current_moment()
    assert {r.hijri_year for r in FitrRate.objects.all()} == {last.hijri_year, upcoming.hijri_year}
    assert MealPrice.objects.filter(hijri_year=to_hijri(rules.current_moment().date())[0]).exists()
    programmes = list(FitrProgramme.unscoped.all())
    assert len(programmes) == 2
    for gift in FitrGift.unscoped.select_related("donation"):
        assert gift.hijri_year == last.hijri_year
        assert last.contains(gift.donation.confirmed_at)  # inside last year's window
        assert gift.donation.amount == gift.persons * gift.rate
    for programme in programmes:
        figures = selectors.fitr_figures(programme, last.hijri_year)
        assert figures.persons_covered == figures.persons_paid_for > 0
        assert figures.distributed == figures.recorded > 0
        assert figures.held == account_balance(programme.account) >= 0
    late = [selectors.fitr_figures(p, last.hijri_year).late for p in programmes]
    assert sorted(late) == [0, 1]
    assert ExpiationGift.unscoped.filter(donation__state="confirmed").count() == 3
    assert ledger_verify().ok
    assert demo.seed(random.Random(2), world) is False
    slug = programmes[0].organization.slug
    assert client.get(f"/fitr/{slug}/").status_code == 200
    assert client.get("/fitr/").status_code == 200
    assert client.get("/kaffarah/").status_code == 200
