"""The nightly scorecards read every organization's money in one pass over the ledger
(``FundHistory.of_many``), with exactly the figures each organization's own reading gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from joud.transparency.indicators import REGISTRY, Context
from joud.transparency.indicators.funds import FundHistory
from joud.transparency.models import Scorecard
from joud.transparency.scorecards import scorecards_recompute
from tests.factories import OrganizationFactory
from tests.fixtures.environment import ensure_geo
from tests.transparency.test_scorecard_indicators import TODAY, gift, pay_out

pytestmark = pytest.mark.django_db

MONEY = ("admin_share", "cost_to_raise", "days_to_disburse", "idle_money", "zakat_in_year")


@pytest.fixture
def orgs(settings):
    settings.JOUD_PUBLIC_HOLIDAYS = []
    settings.JOUD_SCORECARD_MIN_GIFTS = 2
    ensure_geo()
    with scopes_disabled():
        yield [OrganizationFactory() for _ in range(4)]


def _give(org, k: int) -> None:
    general = accounts.general_account(org)
    zakat = accounts.organization_account(org.pk, "zakat")
    day = TODAY - dt.timedelta(days=300 - 10 * k)
    gift(org, general, day, "100", admin="2", fee="1")
    gift(org, general, day, "50", admin="1")  # the same day: one piece of money held
    gift(org, zakat, day + dt.timedelta(days=5), "80")
    gift(org, general, TODAY - dt.timedelta(days=40 + k), "30", fee="0.5")
    pay_out(org, general, TODAY - dt.timedelta(days=100), str(60 + k))  # part of one day's
    pay_out(org, zakat, TODAY - dt.timedelta(days=20), "30")
    pay_out(org, general, TODAY - dt.timedelta(days=10), "70")  # across two days' money


def test_one_pass_gives_each_organizations_own_figures(orgs):
    for k, org in enumerate(orgs[:3]):
        _give(org, k)  # the fourth has no money at all
    together = FundHistory.of_many([o.pk for o in orgs], today=TODAY)
    for org in orgs:
        alone = Context(organization=org, today=TODAY)
        batch = Context(organization=org, today=TODAY, histories=together)
        for code in MONEY:
            assert REGISTRY[code].compute(batch) == REGISTRY[code].compute(alone), code
    first = together[orgs[0].pk]
    assert first.gifts == 4
    # General: 97 + 49 on day -300 (one piece), 30 on day -40 whose 0.5 fee is taken from the
    # oldest money; 60 and 70 paid out of the oldest: 146 - 0.5 - 130 = 15.5 left of day -300.
    # Zakat: 80 on day -295, 30 paid: 50 left. Held 15.5 + 30 + 50; over 90 days: 15.5 + 50.
    assert first.idle(90) == (Decimal("65.500"), Decimal("95.500"))
    assert together[orgs[3].pk].paid_out == [] and together[orgs[3].pk].gifts == 0


def test_the_nightly_run_reads_the_ledger_once_whatever_the_number_of_organizations(orgs):
    def entry_reads() -> int:
        with CaptureQueriesContext(connection) as queries:
            scorecards_recompute(today=TODAY)
        return sum('FROM "ledger_entry"' in q["sql"] for q in queries)

    _give(orgs[0], 0)
    with scopes_disabled():
        for org in orgs[1:]:
            org.status = "draft"  # not scored: only the first counts
            org.save(update_fields=["status"])
        few = entry_reads()
        for org in orgs[1:]:
            org.status = "active"
            org.save(update_fields=["status"])
            _give(org, 1)
        many = entry_reads()
    assert few == many
    assert Scorecard.objects.filter(quarter__isnull=False).count() == 4
