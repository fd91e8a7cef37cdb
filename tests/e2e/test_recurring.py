"""Scheduled giving: a donor sets up a monthly gift, the first month is charged, and later the
donor cancels the plan from its secret link on another device, without signing in; after that,
no month is charged again."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from tests.e2e.test_giving import donations_of, raised
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(8501)


def test_monthly_plan_is_cancelled_from_its_link(journey, live_db):
    from joud.donations.models import RecurringPlan
    from joud.donations.recurring import recurring_charge_due

    n = next(_numbers)
    page = journey.page
    amount = Decimal("3.500")
    with live_db(), scopes_disabled():
        initiative = InitiativeFactory(
            title_ar=f"كفالة أسرة متعففة شهريًا {n}", title_en=f"Monthly support for a family {n}"
        )
        before = raised(initiative)
    code = initiative.public_code

    with journey.step("set up a monthly gift on the giving page"):
        journey.goto(f"/give/{code}/")
        journey.check_page("donation form")
        page.locator("[name=custom_amount]").fill("3.500")
        page.locator("select[name=frequency]").select_option("monthly")
        page.locator("[name=donor_phone]").fill(f"9{n:07d}")
        with page.expect_navigation():
            page.locator("form.give-form button[type=submit]").click()
        journey.check_page("plan confirmation")
        assert page.locator("ol.plan-dates li").count() >= 4
        assert page.locator("[data-figure=commitment]").is_visible()
        assert page.locator("[data-charging]").inner_text().strip()
        with page.expect_navigation():
            page.locator("form.plan-confirm button[value=confirm]").click()
        page.wait_for_url("**/give/plan/**")
        journey.check_page("monthly plan")
        plan_link = page.url  # the page says: keep this link to pause or cancel
        token = plan_link.rstrip("/").split("/")[-1]
        with live_db(), scopes_disabled():
            plan = RecurringPlan.objects.get(token=token)
            assert (plan.state, plan.frequency, plan.amount) == ("active", "monthly", amount)
            assert plan.initiative_id == initiative.pk

    with (
        journey.step("the first month is due: the scheduler's run charges it once"),
        live_db(),
        scopes_disabled(),
    ):
        recurring_charge_due(today=plan.next_charge_on)
        recurring_charge_due(today=plan.next_charge_on)  # a second run changes nothing
        assert [d.state for d in donations_of(initiative)] == ["confirmed"]
        assert raised(initiative) - before == amount

    journey.act_as("donor on another device")
    page = journey.page
    with journey.step("open the plan's link on another device and cancel"):
        page.goto(plan_link)
        journey.check_page("plan from its link")
        assert page.locator("main form button[type=submit]").count() == 2  # pause, cancel
        with page.expect_navigation():
            page.locator("main form:has(input[name=action][value=cancelled]) button").click()
        journey.check_page("plan cancelled")
        assert page.locator("input[name=action]").count() == 0, "a cancelled plan offers no action"
        with live_db(), scopes_disabled():
            assert RecurringPlan.objects.get(token=token).state == "cancelled"

    with journey.step("next month nothing is charged"), live_db(), scopes_disabled():
        recurring_charge_due(today=timezone.localdate() + dt.timedelta(days=40))
        assert [d.state for d in donations_of(initiative)] == ["confirmed"]
        assert raised(initiative) - before == amount
