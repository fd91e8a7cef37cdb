"""The donor's own pages: a guest gives, sees the receipt number and keeps a history by signing in
with the number just used; the donor space (totals, charts, receipts by Hijri year, plans) is
one tap from the bottom bar; a ten-nights plan is confirmed like a payment; the zakat
calculator posts its figures and shows the result first. Arabic on a phone, English on a
desktop, each page held to the harness's checks (axe, CSP, digits, width) and photographed."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from tests.e2e.test_giving import pay_on_sandbox
from tests.e2e.test_licensing import latest_code_sent_to
from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(8701)


def test_guest_gives_keeps_a_history_and_reads_the_donor_space(journey, live_db):
    from joud.core.dates import hijri_month_start, to_hijri
    from tests.web.gifts import bulk_gifts

    n = next(_numbers)
    page = journey.page
    local = f"9{n:07d}"
    phone = f"+968{local}"
    with live_db(), scopes_disabled():
        donor = UserFactory(phone=phone, phone_verified=True, full_name="سالم البلوشي")
        orphans = InitiativeFactory(
            category="orphans", title_ar=f"كفالة أيتام {n}", title_en=f"Orphan sponsorship {n}"
        )
        meals = InitiativeFactory(
            category="school_meals", title_ar=f"وجبات مدرسية {n}", title_en=f"School meals {n}"
        )
        year = to_hijri(timezone.localdate())[0]
        bulk_gifts(
            donor=donor, initiative=orphans, count=30, amount="5.000", step=dt.timedelta(days=3)
        )
        bulk_gifts(
            donor=donor,
            initiative=meals,
            count=12,
            amount="7.250",
            start=timezone.now() - dt.timedelta(days=1),
            step=dt.timedelta(days=9),
        )
        last_year = timezone.make_aware(
            dt.datetime.combine(hijri_month_start(year - 1, 6), dt.time(12))
        )
        bulk_gifts(donor=donor, initiative=meals, count=3, amount="10.000", start=last_year)

    with journey.step("a guest gives with the number of an account, on the giving page"):
        journey.goto(f"/give/{orphans.public_code}/")
        journey.check_page("donation form")
        page.locator("[name=custom_amount]").fill("12")
        page.locator("[name=donor_phone]").fill(local)
        with page.expect_navigation():
            page.locator("form.give-form button[type=submit]").click()
        pay_on_sandbox(journey, "succeeded")
        page.locator("#donation-status .alert-success").wait_for(timeout=20_000)
        page.locator("#receipt-number [data-receipt]").wait_for(timeout=30_000)
        assert page.locator(".thanks-next li").count() >= 2
        assert page.locator("#copy-link").is_visible()
        journey.check_page("thank you with its receipt number")

    with journey.step("keep a history: a code to the number just used signs in"):
        with page.expect_navigation():
            page.locator(".keep-history form button[type=submit]").click()
        page.wait_for_url("**/accounts/login/code/confirm/**")
        journey.check_page("sign-in code")
        page.fill("[name=code]", latest_code_sent_to(phone, live_db))
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
        page.wait_for_url("**/me/")
        journey.check_page("donor space")
        with live_db(), scopes_disabled():
            from joud.donations.models import Donation

            guest = Donation.objects.filter(initiative=orphans, amount=Decimal("12.000")).get()
            assert guest.donor_id == donor.pk, "the guest gift joined the account"
        assert page.locator(f"[data-reference='{guest.reference}']").is_visible()

    with journey.step("totals, charts and the first page of receipts"):
        totals = page.locator("[data-total=year] .stat").inner_text()
        assert re.search(r"[\d٠-٩]", totals), totals
        page.locator("canvas.money-chart[data-drawn]").first.wait_for(timeout=10_000)
        assert page.locator("canvas.money-chart[data-drawn]").count() == 2
        assert page.locator(".donor-gifts > li").count() == 20
        assert page.locator(".donor-plans, #plans-h").count() >= 1

    with journey.step("the receipts of last Hijri year, then page 2 of this year"):
        page.locator("select#year").select_option(str(year - 1))
        page.wait_for_url(f"**/me/?year={year - 1}**")
        journey.check_page("donor space, last Hijri year")
        assert page.locator(".donor-gifts > li").count() == 3
        journey.goto(f"/me/?year={year}&page=2")
        journey.check_page("donor space, page 2")
        assert page.locator(".donor-gifts > li").count() >= 1

    if journey.lang == "ar":
        with journey.step("on a phone, تبرعاتي in the bottom bar opens the donor space"):
            journey.goto("/")
            journey.check_page("home, signed in")
            link = page.locator("nav.bottom-nav a[href='/me/']")
            assert link.inner_text().strip() == "تبرعاتي"
            with page.expect_navigation():
                link.click()
            page.wait_for_url("**/me/")
            journey.check_page("donor space from the bottom bar")


def test_ten_nights_plan_is_confirmed_like_a_payment(journey, live_db):
    from joud.donations.models import RecurringPlan

    n = next(_numbers)
    page = journey.page
    with live_db(), scopes_disabled():
        initiative = InitiativeFactory(
            title_ar=f"إفطار صائم في العشر الأواخر {n}", title_en=f"Iftar in the last ten {n}"
        )

    with journey.step("choose the last ten nights on the giving page"):
        journey.goto(f"/give/{initiative.public_code}/")
        page.locator("[name=custom_amount]").fill("2")
        page.locator("select[name=frequency]").select_option("ten_nights")
        page.locator("[name=donor_phone]").fill(f"9{n:07d}")
        with page.expect_navigation():
            page.locator("form.give-form button[type=submit]").click()
        journey.check_page("ten nights: confirmation")
        nights = page.locator("ol.plan-dates li").count()
        assert 1 <= nights <= 10
        commitment = page.locator("[data-figure=commitment]").inner_text()
        assert re.search(r"[\d٠-٩]", commitment), commitment
        with live_db(), scopes_disabled():
            assert not RecurringPlan.objects.filter(initiative=initiative).exists()

    with journey.step("confirm: the plan is set up and its link is sent"):
        with page.expect_navigation():
            page.locator("form.plan-confirm button[value=confirm]").click()
        page.wait_for_url("**/give/plan/**")
        journey.check_page("ten nights: set up")
        assert page.locator(".alert-success").is_visible()
        token = page.url.rstrip("/").split("/")[-1]
        with live_db():
            from joud.core.models import OutboxMessage

            assert OutboxMessage.objects.filter(
                to=f"+9689{n:07d}", body__contains=f"/give/plan/{token}/"
            ).exists()


def test_zakat_calculator_posts_and_shows_the_result_first(journey, live_db):
    page = journey.page
    with journey.step("fill in the figures and calculate"):
        journey.goto("/give/zakat/calculator/")
        journey.check_page("zakat calculator")
        page.locator("[name=cash]").fill("12000")
        page.locator("[name=gold_grams]").fill("50")
        with page.expect_navigation():
            page.locator("form.zakat-form button[type=submit]").click()
        assert "12000" not in page.url and "cash" not in page.url
        journey.check_page("zakat result")
        due = page.locator("[data-figure=due]")
        assert due.is_visible()
        box = due.bounding_box()
        assert box and box["y"] + box["height"] < page.viewport_size["height"], "below the fold"
