"""Zakat al-fitr in Arabic on a phone: a donor pays for six people (the page shows persons x the
ministry's rate as they type, in Arabic digits), pays through the sandbox gateway, and the
programme's public figures count the six; the association's finance officer records the
distribution (families reached, persons covered) and the public page shows it, as the ledger. Kaffarah in English on a desktop: the rule in plain
words, the amount (meals x meal price), paid to a feeding programme."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.core.hijri import CACHE_SECONDS
from joud.core.tenancy import scopes_disabled
from tests.e2e.actions import sign_in_with_password, staff_user
from tests.e2e.harness import DESKTOP_EN, PHONE_AR
from tests.e2e.test_giving import pay_on_sandbox
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(9301)


def _rates(year: int) -> None:
    from joud.obligations.models import FitrRate, MealPrice

    FitrRate.objects.get_or_create(
        hijri_year=year,
        defaults={
            "amount": Decimal("2.500"),
            "in_kind_ar": "صاع من الأرز (نحو ٢٫٥ كغ)",
            "in_kind_en": "a saa of rice (about 2.5 kg)",
        },
    )
    MealPrice.objects.get_or_create(hijri_year=year, defaults={"amount": Decimal("0.750")})


@pytest.mark.parametrize("variant", [PHONE_AR], indirect=True, ids=lambda v: v.id)
def test_a_fitr_gift_for_six_people(journey, live_db):
    from joud.core.hijri import forget_month_starts
    from joud.core.models import HijriMonthStart
    from joud.ledger.selectors import account_balance
    from joud.obligations.models import FitrGift
    from joud.obligations.selectors import fitr_figures
    from joud.obligations.services import fitr_programme_open

    n = next(_numbers)
    page = journey.page
    today = timezone.localdate()
    year = to_hijri(today)[0]
    with live_db(), scopes_disabled():
        # The journey needs Ramadan now: the server's calendar reads the ministry's announced
        # first day, so this year's Ramadan is announced as having begun two days ago.
        announced, _ = HijriMonthStart.objects.update_or_create(
            hijri_year=year,
            hijri_month=9,
            defaults={"expected_on": today - dt.timedelta(days=2), "note": "e2e journey"},
        )
        announced_at = time.monotonic()
        _rates(year)
        association = OrganizationFactory(
            name_ar=f"جمعية البر {n}", name_en=f"Al-Birr Association {n}", slug=f"birr-{n}"
        )
        admin = MembershipFactory(organization=association, role="admin").user
        officer, officer_totp = staff_user(email=f"fitr-finance{n}@example.om")
        MembershipFactory(user=officer, organization=association, role="finance")
        fitr_programme_open(
            organization=association,
            actor=admin,
            description_ar="نوزع زكاة الفطر أرزًا على الأسر المستحقة قبل صلاة العيد.",
        )
    # Each server process reads the month starts through a cache of CACHE_SECONDS: a process
    # that read them just before the announcement sees it only then (earlier journeys read them).
    time.sleep(max(0.0, CACHE_SECONDS + 1 - (time.monotonic() - announced_at)))
    try:
        with journey.step("the fitr programmes"):
            journey.goto("/fitr/")
            page.locator("main").get_by_text("الجمع مفتوح").wait_for()
            journey.check_page("fitr programmes")

        with journey.step("the programme's page"):
            page.locator(f"main a[href='/fitr/{association.slug}/']").click()
            page.wait_for_url(f"**/fitr/{association.slug}/")
            journey.check_page("fitr programme")

        with journey.step("six people: the amount as they type"):
            page.locator("#id_persons").fill("٦")
            page.locator("#fitr-amount strong").get_by_text("١٥").wait_for(timeout=10_000)
            assert "٦ أشخاص" in page.locator("#fitr-amount").inner_text()
            page.locator("#id_donor_phone").fill(f"9{n:07d}")
            journey.check_page("amount for six")

        with journey.step("pay"):
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
            pay_on_sandbox(journey, "succeeded")
            page.locator("#donation-status .alert-success").wait_for(timeout=20_000)
            journey.check_page("thank you")

        with live_db(), scopes_disabled():
            gift = FitrGift.objects.select_related("donation").get(
                programme__organization=association
            )
            assert gift.persons == 6 and gift.donation.amount == Decimal("15.000")
            assert gift.donation.state == "confirmed"

        with journey.step("the public figures count the six"):
            journey.goto(f"/fitr/{association.slug}/")
            assert page.locator("[data-figure=paid-for]").inner_text().strip() == "٦"
            journey.check_page("figures after the gift")

        journey.act_as("finance officer")
        page = journey.page
        with journey.step("the association records the distribution before the Eid prayer"):
            journey.goto(f"/fitr/{association.slug}/distribution/")
            journey.check_page("sign-in")
            sign_in_with_password(journey, login=officer.email, totp_secret=officer_totp)
            page.wait_for_url(f"**/fitr/{association.slug}/distribution/")
            journey.check_page("distribution form")
            page.fill("[name=families]", "٢")
            page.fill("[name=persons]", "٦")
            page.fill("[name=amount]", "١٤٫٧٧٥")
            with page.expect_navigation():
                page.locator("main form button[type=submit]").click()
            page.locator("#distributions").get_by_text("قبل صلاة العيد").wait_for()
            journey.check_page("distribution recorded")

        with live_db(), scopes_disabled():
            figures = fitr_figures(gift.programme, year)
            assert (figures.families_reached, figures.persons_covered) == (2, 6)
            assert figures.held == account_balance(gift.programme.account) == Decimal("0.000")

        with journey.step("the public page shows the families reached, as the books do"):
            journey.goto(f"/fitr/{association.slug}/")
            assert page.locator("[data-figure=families]").inner_text().strip() == "٢"
            assert page.locator("[data-figure=persons]").inner_text().strip() == "٦"
            assert "١٤٫٧٧٥" in page.locator("[data-figure=distributed]").inner_text()
            journey.check_page("figures after the distribution")
    finally:
        with live_db():
            announced.delete()
            forget_month_starts()


@pytest.mark.parametrize("variant", [DESKTOP_EN], indirect=True, ids=lambda v: v.id)
def test_a_fidya_for_ten_missed_days(journey, live_db):
    from joud.obligations.models import ExpiationGift

    n = next(_numbers)
    year = to_hijri(timezone.localdate())[0]
    with live_db(), scopes_disabled():
        reviewer, reviewer_totp = staff_user(
            email=f"fitr-reviewer{n}@example.om", is_ministry_reviewer=True
        )
        meals = InitiativeFactory(
            category="school_meals",
            title_ar=f"وجبات الأسر {n}",
            title_en=f"Meals for families {n}",
            admin_share_percent=0,
        )

    journey.act_as("ministry")
    page = journey.page
    with journey.step("the ministry sets this year's rates"):
        journey.goto("/ministry/obligations/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=reviewer.email, totp_secret=reviewer_totp)
        page.wait_for_url("**/ministry/obligations/")
        page.fill("[name=hijri_year]", str(year))
        page.fill("[name=fitr_amount]", "2.500")
        page.fill("[name=in_kind_ar]", "صاع من الأرز (نحو ٢٫٥ كغ)")
        page.fill("[name=in_kind_en]", "a saa of rice (about 2.5 kg)")
        page.fill("[name=meal_price]", "0.750")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        row = page.locator(f"#rates tr[data-year='{year}']")
        assert "OMR\xa00.750" in row.inner_text() and "OMR\xa02.500" in row.inner_text()
        assert page.locator("#rates-trail li").count() >= 2
        journey.check_page("rates set")

    journey.act_as("donor")
    page = journey.page
    with journey.step("the rules and the form"):
        journey.goto("/kaffarah/")
        assert "feeding ten poor people" in page.locator("#expiation-rules").inner_text()
        journey.check_page("kaffarah and fidya")

    with journey.step("fidya for ten days: the amount"):
        page.locator("input[name=kind][value=fidya]").check()
        page.locator("#id_count").fill("10")
        page.locator("#expiation-amount strong").get_by_text("OMR 7.500").wait_for(timeout=10_000)
        assert "10 meals" in page.locator("#expiation-amount").inner_text()
        page.locator("#id_initiative").select_option(str(meals.pk))
        page.locator("#id_donor_phone").fill(f"9{n:07d}")
        journey.check_page("amount for ten days")

    with journey.step("pay"):
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        pay_on_sandbox(journey, "succeeded")
        page.locator("#donation-status .alert-success").wait_for(timeout=20_000)
        journey.check_page("thank you")

    with live_db(), scopes_disabled():
        gift = ExpiationGift.objects.select_related("donation").get(initiative=meals)
        assert (gift.kind, gift.count, gift.meals) == ("fidya", 10, 10)
        assert gift.donation.amount == Decimal("7.500") and gift.donation.state == "confirmed"
