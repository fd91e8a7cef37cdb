"""Issue 18's pages found where people look: the home page's ways to give lead to zakat al-fitr
and kaffarah, the open data page to the debt-relief figures; an association's money page shows
its zakat al-fitr fund; a donor's gifts say what each fitr and kaffarah paid for. Arabic on a
phone, English on a desktop."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.core.tenancy import scopes_disabled
from tests.e2e.actions import sign_in_with_password, tr
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(9501)
RAMADAN_1447 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=4)))


def _paid(donation) -> None:
    from joud.donations.models import PaymentAttempt
    from joud.donations.services import payment_attempt_start
    from tests.donations.factories import pay

    attempt, _url = payment_attempt_start(donation=donation, return_url="/")
    pay(PaymentAttempt.unscoped.get(pk=attempt.pk))


def _world(n: int):
    from joud.obligations.models import FitrRate, MealPrice
    from joud.obligations.services import (
        expiation_gift_create,
        fitr_distribution_record,
        fitr_gift_create,
        fitr_programme_open,
    )

    year = to_hijri(timezone.localdate())[0]
    FitrRate.objects.get_or_create(
        hijri_year=1447, defaults={"amount": Decimal("2.500"), "in_kind_ar": "أرز"}
    )
    MealPrice.objects.get_or_create(hijri_year=year, defaults={"amount": Decimal("0.750")})
    association = OrganizationFactory(
        name_ar=f"جمعية النور {n}", name_en=f"Al-Noor Association {n}", slug=f"noor-{n}"
    )
    admin = MembershipFactory(organization=association, role="admin").user
    finance = MembershipFactory(organization=association, role="finance").user
    programme = fitr_programme_open(organization=association, actor=admin)
    donor = UserFactory(phone_verified=True, email=f"giver{n}@example.om")
    gift = fitr_gift_create(programme=programme, persons=6, donor=donor, now=RAMADAN_1447)
    _paid(gift.donation)
    fitr_distribution_record(
        programme=programme, actor=finance, families=2, persons=6, amount=Decimal("10")
    )
    meals = InitiativeFactory(
        organization=association,
        category="school_meals",
        title_ar=f"إفطار صائم {n}",
        title_en=f"Iftar meals {n}",
    )
    oath = expiation_gift_create(initiative=meals, kind="oath", count=2, donor=donor)
    _paid(oath.donation)
    return association, donor


def test_the_new_ways_to_give_are_found_and_named(journey, live_db):
    n = next(_numbers)
    page, lang = journey.page, journey.lang
    with live_db(), scopes_disabled():
        association, donor = _world(n)

    with journey.step("the home page's ways to give lead to zakat al-fitr"):
        journey.goto("/")
        ways = page.locator("#ways-to-give")
        ways.scroll_into_view_if_needed()
        journey.check_page("home, ways to give")
        ways.get_by_role("link", name=tr(lang, "Zakat al-Fitr")).click()
        page.wait_for_url("**/fitr/")
        journey.check_page("fitr")

    with journey.step("the footer leads to kaffarah and fidya"):
        page.locator("footer").get_by_role("link", name=tr(lang, "Kaffarah and fidya")).click()
        page.wait_for_url("**/kaffarah/")
        journey.check_page("kaffarah")

    with journey.step("the national figures lead to the debt-relief figures"):
        if lang == "en":
            # The open data page (English only here: its Arabic text keeps Latin standard
            # names outside <bdi>, a finding of its own) lists the national figures.
            journey.goto("/open-data/")
            figures = page.locator("section[aria-labelledby=figures-h]")
            figures.scroll_into_view_if_needed()
            journey.check_page("open data, national figures")
            figures.locator("a[href='/disbursements/debt-relief/']").click()
        else:
            page.locator("footer").get_by_role("link", name=tr(lang, "Debt relief figures")).click()
        page.wait_for_url("**/disbursements/debt-relief/")
        journey.check_page("debt relief figures")

    with journey.step("the association's money page shows its zakat al-fitr fund"):
        journey.goto(f"/ledger/organization/{association.slug}/")
        section = page.locator("section[aria-labelledby=money-fitr]")
        section.scroll_into_view_if_needed()
        received = section.locator("[data-figure=fitr_received]").inner_text()
        distributed = section.locator("[data-figure=fitr_distributed]").inner_text()
        assert (
            ("١٥" in received and "١٠" in distributed)
            if lang == "ar"
            else ("OMR\xa015" in received and "OMR\xa010" in distributed)
        ), (received, distributed)
        journey.check_page("money page, fitr fund")

    with journey.step("the donor's gifts say what each paid for"):
        journey.goto("/accounts/login/")
        journey.check_page("sign in")
        sign_in_with_password(journey, login=donor.email)
        journey.goto("/me/")
        gifts = page.locator(".donor-gifts")
        gifts.scroll_into_view_if_needed()
        text = gifts.inner_text()
        if lang == "ar":
            assert "زكاة الفطر عن ٦ أشخاص" in text and "كفارة يمينين" in text, text
        else:
            assert "Zakat al-fitr for 6 people" in text and "Kaffarah for 2 broken oaths" in text
        journey.check_page("donor gifts")

    with journey.step("the verify box is named for every code"):
        journey.goto("/verify/")
        heading = page.get_by_role("heading", level=1).inner_text().strip()
        assert heading == tr(lang, "Verify a code or document")
        journey.check_page("verify")
