"""Endowments: a donor opens a waqf's public page, gives a share in its principal through the
sandbox gateway, and the public figures move by the gift (net of the gateway's fee, as the
ledger holds it); the share's certificate verifies on its public page."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from joud.core.tenancy import scopes_disabled
from tests.e2e.test_giving import pay_on_sandbox
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(9101)


def test_a_share_in_a_waqf(journey, live_db):
    from joud.endowments.models import WaqfShare
    from joud.endowments.selectors import waqf_figures
    from joud.endowments.services import waqf_create

    n = next(_numbers)
    page = journey.page
    with live_db(), scopes_disabled():
        institution = OrganizationFactory(kind="waqf", name_ar=f"مؤسسة وقف الخير {n}")
        admin = MembershipFactory(organization=institution, role="admin").user
        waqf = waqf_create(
            organization=institution,
            actor=admin,
            name_ar=f"وقف سقيا الماء {n}",
            name_en=f"Water endowment {n}",
            purpose_ar="توفير الماء للأسر المحتاجة",
            purpose_en="Water for families in need",
            deed_ar="أوقفتُ هذا المال لله تعالى، يُنفق ريعه على سقيا الماء.",
            deed_en="This money is endowed for God; its returns provide water.",
            purposes=["construction"],
            slug=f"water-{n}",
        )

    with journey.step("open the endowment's page"):
        journey.goto(f"/waqf/{waqf.slug}/")
        journey.check_page("waqf page")

    with journey.step("give a share in the principal"):
        page.locator("[name=custom_amount]").fill("20")
        page.locator("[name=donor_phone]").fill(f"9{n:07d}")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        pay_on_sandbox(journey, "succeeded")
        page.locator("#donation-status .alert-success").wait_for(timeout=20_000)
        journey.check_page("thank you")

    with live_db(), scopes_disabled():
        share = WaqfShare.objects.get(waqf=waqf)
        figures = waqf_figures(waqf)
        assert figures.shares == 1 and Decimal("0") < figures.principal <= Decimal("20.000")

    with journey.step("the certificate verifies"):
        journey.goto(f"/receipts/waqf/{share.code}/")
        journey.check_page("certificate verified")
        assert page.locator("main .alert-success").count() == 1
