"""The public side: the home page in both directions, the language switch, verifying an appeal."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from joud.core.tenancy import scopes_disabled
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.e2e


def tr(lang: str, msgid: str) -> str:
    with translation.override(lang):
        return gettext(msgid)


def open_menu_if_collapsed(page) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        page.locator("#mainnav.show").wait_for()


def switch_language(page, to: str) -> None:
    open_menu_if_collapsed(page)
    button = page.locator(f"form[action$='/i18n/setlang/'] button[lang='{to}']")
    with page.expect_navigation():
        button.click()


def assert_direction(page, lang: str) -> None:
    expected = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == expected
    stylesheet = "bootstrap.rtl.min" if lang == "ar" else "bootstrap.min"
    assert page.locator(f"link[rel=stylesheet][href*='/{stylesheet}.']").count() == 1


def test_language_switch_and_direction(journey, live_db):
    """A first visit opens in Arabic (whatever the browser's language); English is one tap away
    and sticks; Arabic is one tap back. On the phone the switch sits in the collapsed menu."""
    page = journey.page
    journey.forget_language()
    with live_db(), scopes_disabled():
        InitiativeFactory(title_ar="كسوة العيد للأسر", title_en="Eid clothes for families")

    with journey.step("first visit: Arabic, right to left"):
        journey.goto("/")
        journey.check_page("home in Arabic", lang="ar")
        assert_direction(page, "ar")
        assert page.get_by_role("heading", level=1).inner_text().strip() == tr(
            "ar", "Give with trust. See where it went."
        )
        # Live initiatives are listed (nine cards at most: the server keeps every journey's
        # initiatives, so this one's own may be among those left out).
        assert page.locator("article.card").count() > 0

    with journey.step("switch to English"):
        switch_language(page, "en")
        journey.check_page("home in English", lang="en")
        assert_direction(page, "en")
        assert page.get_by_role("heading", level=1).inner_text().strip() == (
            "Give with trust. See where it went."
        )
        assert page.locator("article.card").count() > 0

    with journey.step("the choice sticks on the next page"):
        page.get_by_role("link", name="Verify a code or document").first.click()
        page.wait_for_url("**/verify/")
        journey.check_page("verify in English", lang="en")
        assert_direction(page, "en")

    with journey.step("switch back to Arabic on the same page"):
        switch_language(page, "ar")
        assert page.url.endswith("/verify/")
        journey.check_page("verify in Arabic", lang="ar")
        assert_direction(page, "ar")


def test_public_verifies_an_appeal_by_its_code(journey, live_db):
    page = journey.page
    lang = journey.lang
    with live_db(), scopes_disabled():
        initiative = InitiativeFactory(
            title_ar="سقيا الماء في القرى", title_en="Water for villages"
        )
        organization = initiative.organization
    title = initiative.title_ar if lang == "ar" else initiative.title_en
    org_name = organization.name_ar if lang == "ar" else organization.name_en

    with journey.step("open the verify page from the home page"):
        journey.goto("/")
        journey.check_page("home")
        page.get_by_role("link", name=tr(lang, "Verify a code or document")).first.click()
        page.wait_for_url("**/verify/")
        journey.check_page("verify form")

    with journey.step("enter the appeal's code as printed on a poster (lower case, spaces)"):
        page.get_by_label(tr(lang, "Code or link")).fill(f"  {initiative.public_code.lower()} ")
        with page.expect_navigation():
            page.get_by_label(tr(lang, "Code or link")).press("Enter")
        journey.check_page("licensed appeal")
        result = page.locator(".verify-result")
        assert result.get_attribute("data-status") == "licensed"
        assert result.get_attribute("role") == "status"  # announced by screen readers
        assert "alert-success" in result.get_attribute("class")
        text = result.inner_text()
        assert title in text
        assert organization.licence_number in text
        if org_name:
            assert org_name in text

    with journey.step("a code nobody issued is reported as unknown"):
        page.get_by_label(tr(lang, "Code or link")).fill("ZZZZ99")
        with page.expect_navigation():
            page.get_by_role("button", name=tr(lang, "Check")).click()
        journey.check_page("unknown code")
        result = page.locator(".verify-result")
        assert result.get_attribute("data-status") == "unknown"
        assert "alert-danger" in result.get_attribute("class")


def test_bottom_bar_never_covers_the_footer(journey, live_db):
    """On a phone the quick-navigation bar is fixed to the bottom of the screen: scrolled to the
    end, the footer's last line sits above it, not under it. On a desktop there is no bar."""
    page = journey.page
    journey.goto("/")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY + window.innerHeight >= document.body.scrollHeight - 2")
    journey.check_page("home scrolled to the end")
    bar = page.locator("nav.bottom-nav")
    footer = page.locator("body > footer")
    if not bar.is_visible():
        assert journey.variant.id.endswith("desktop")
        return
    bar_top = bar.bounding_box()["y"]
    footer_box = footer.bounding_box()
    assert footer_box["y"] + footer_box["height"] <= bar_top + 0.5
