"""The demo's published final report is seeded whatever the sandbox's delivery setting: the
scan and the browser tests seed with webhooks delivered over HTTP, before any server listens."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.campaigns.models import FinalReport, Initiative
from joud.core.tenancy import scopes_disabled
from joud.demo import reports
from joud.ledger import accounts
from joud.ledger.selectors import account_flows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("delivery", ["inprocess", "http"])
def test_the_published_report_is_seeded_with_either_delivery(
    settings, org_admin, reviewer, delivery
):
    settings.JOUD_SANDBOX_WEBHOOK_DELIVERY = delivery
    settings.SITE_URL = "http://127.0.0.1:9"  # nothing listens: an HTTP delivery would fail
    with scopes_disabled():
        assert reports._published_report({"users": {"admin": org_admin, "reviewer": reviewer}})
        item = Initiative.objects.get(title_ar=reports.PUBLISHED_TITLE)
        report = FinalReport.objects.get(initiative=item)
        flows = account_flows(accounts.initiative_account(item).pk)
    assert report.published_at is not None
    assert flows["disbursed"] == sum(Decimal(amount) for _p, amount, _m in reports.SPENDING)
