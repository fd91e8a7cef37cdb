"""The demo's endowments: two waqfs with shares, returns over several Hijri years and payouts to
their purposes; the donor's share shows in their space; the ledger still verifies; a second run
adds nothing."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.demo import endowments as demo
from joud.demo.world import _seed_core
from joud.endowments import selectors
from joud.endowments.models import Waqf, WaqfShare
from joud.ledger.selectors import account_balance
from joud.ledger.verify import ledger_verify

pytestmark = pytest.mark.django_db


def test_demo_endowments(unscoped, client):
    world: dict = {}
    _seed_core(random.Random(1), world)
    assert demo.seed(random.Random(2), world) is True
    water = Waqf.unscoped.get(slug="rustaq-water")
    figures = selectors.waqf_figures(water)
    assert figures.shares == 6
    assert figures.principal == account_balance(water.principal_account) > 0
    assert len(figures.returns_by_year) >= 2  # returns received over more than one Hijri year
    assert figures.returns_by_year[0][0] == to_hijri(timezone.localdate())[0]
    assert figures.paid_by_purpose == [("construction", figures.paid_total)]
    assert figures.returns_held == account_balance(water.income_account)
    assert list(selectors.donor_shares(world["users"]["donor"])) == list(
        WaqfShare.unscoped.filter(donation__donor=world["users"]["donor"])
    )
    assert ledger_verify().ok
    assert demo.seed(random.Random(2), world) is False
    assert Waqf.unscoped.count() == 2
    client.force_login(world["users"]["donor"])
    page = client.get("/waqf/mine/")
    assert page.status_code == 200 and "وقف سقيا الماء" in page.content.decode()
    assert client.get("/waqf/").status_code == 200
