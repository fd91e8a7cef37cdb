"""Giving: a donor finds an appeal by an Arabic search with a spelling variant, pays on the
sandbox gateway's hosted page, sees the thank-you page, downloads the receipt, and the appeal's
total moves by exactly the amount; a payment the gateway declines is said clearly and records
nothing; the donation form can be completed with the keyboard alone.
"""

from __future__ import annotations

import itertools
import time
from decimal import Decimal

import pytest
from django.utils import translation

from joud.core.money import format_money
from joud.core.tenancy import scopes_disabled
from tests.e2e.harness import DESKTOP_AR, DESKTOP_EN
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(8101)


def money_text(amount: Decimal, lang: str) -> str:
    with translation.override(lang):
        return format_money(amount, language=lang)


def raised(initiative) -> Decimal:
    """Exactly what the ledger holds for the initiative (net of refunds), folded or not."""
    from joud.ledger.selectors import initiative_raised

    return initiative_raised(initiative)


def donations_of(initiative) -> list:
    from joud.donations.models import Donation

    return list(Donation.objects.filter(initiative=initiative).order_by("pk"))


def wait_for_total(journey, path: str, expected: str, *, seconds: float = 20) -> None:
    """Reload the public page until it shows ``expected`` (the folded total lags by ~1 s)."""
    page = journey.page
    deadline = time.monotonic() + seconds
    while True:
        journey.goto(path)
        shown = [t.strip() for t in page.locator("bdi.money").all_inner_texts()]
        if expected in shown:
            return
        assert time.monotonic() < deadline, f"{path} shows {shown}, never {expected!r}"
        time.sleep(1)


def webhook_types(reference: str, live_db, *, expect: str, seconds: float = 20) -> list[str]:
    """The gateway's webhooks the server received for a payment, waiting for ``expect``: they
    come from the worker over HTTP, like a real gateway's, not from the return page."""
    from joud.payments.models import WebhookEvent

    deadline = time.monotonic() + seconds
    while True:
        with live_db():
            types = list(
                WebhookEvent.objects.filter(reference=reference, processed_at__isnull=False)
                .order_by("id")
                .values_list("event_type", flat=True)
            )
        if expect in types or time.monotonic() > deadline:
            return types
        time.sleep(0.5)


def pay_on_sandbox(journey, outcome: str) -> str:
    """Answer the sandbox gateway's hosted page; returns the payment reference."""
    page = journey.page
    page.wait_for_url("**/pay/sandbox/**")
    reference = page.url.rstrip("/").split("/")[-1]
    journey.check_page("payment gateway")
    page.locator(f"input[name=outcome][value={outcome}]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/give/thanks/**")
    return reference


def test_donor_finds_gives_and_gets_a_receipt(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    page = journey.page
    amount = Decimal("7.250")
    with live_db(), scopes_disabled():
        initiative = InitiativeFactory(
            title_ar=f"كسوة العيد لأطفال الأسر المتعففة {n}",
            title_en=f"Eid clothes for the children of families in need {n}",
            story_ar="نشتري ملابس العيد لأطفال الأسر المتعففة في ولاية بوشر.",
            goal=Decimal("1500.000"),
        )
        before = raised(initiative)
    code = initiative.public_code
    title = initiative.title_ar if lang == "ar" else initiative.title_en

    with journey.step("search in Arabic with another spelling (ه for ة, no hamza, no article)"):
        journey.goto("/")
        journey.check_page("home")
        search = page.locator("#home-q")
        search.fill(f"كسوه عيد اطفال {n}")
        with page.expect_navigation():
            search.press("Enter")
        page.wait_for_url("**/initiatives/?**")
        journey.check_page("search results")
        page.get_by_role("link", name=title).first.click()
        page.wait_for_url(f"**/initiatives/{code}/")
        journey.check_page("initiative page")
        shown = [t.strip() for t in page.locator("bdi.money").all_inner_texts()]
        assert money_text(before, lang) in shown, f"the page shows {shown}"

    with journey.step("choose an amount with baisa and go to the secure payment page"):
        page.locator("a.give-button").filter(visible=True).first.click()
        page.wait_for_url(f"**/give/{code}/")
        journey.check_page("donation form")
        page.locator("[name=custom_amount]").fill("7.250")
        page.locator("[name=donor_name]").fill("سالم بن خميس البلوشي")
        page.locator("[name=donor_phone]").fill(f"9{n:07d}")
        with page.expect_navigation():
            page.locator("form.give-form button[type=submit]").click()
        page.wait_for_url("**/pay/sandbox/**")
        assert money_text(amount, lang) in page.locator("h1").inner_text()

    with journey.step("the gateway takes the payment; the thank-you page confirms it"):
        reference = pay_on_sandbox(journey, "succeeded")
        confirmed = page.locator("#donation-status .alert-success")
        confirmed.wait_for(timeout=20_000)  # the page polls until the webhook has landed
        journey.check_page("thank you")
        assert money_text(amount, lang) in page.locator("#donation-status").inner_text()

    with journey.step("download the receipt"):
        # The link opens the PDF in the browser's viewer; fetch it as the browser would (same
        # cookies: only the donor's own session may have it) and keep it with the screenshots.
        href = page.locator("a[href*='/receipts/donation/']").get_attribute("href")
        response = journey.context.request.get(journey.url(href))
        assert response.status == 200, f"receipt: HTTP {response.status}"
        assert response.headers["content-type"].startswith("application/pdf")
        pdf = response.body()
        assert pdf.startswith(b"%PDF") and len(pdf) > 2000, "the receipt is not a real PDF"
        (journey.out_dir / f"receipt-{lang}.pdf").write_bytes(pdf)
        stranger = journey.browser.new_context()
        try:
            assert stranger.request.get(journey.url(href.split("?")[0])).status in (403, 404)
        finally:
            stranger.close()

    with journey.step("the initiative's total moved by exactly the amount"):
        with live_db(), scopes_disabled():
            assert raised(initiative) - before == amount
            confirmed = [d for d in donations_of(initiative) if d.state == "confirmed"]
            assert [d.amount for d in confirmed] == [amount]
        types = webhook_types(reference, live_db, expect="payment.succeeded")
        assert "payment.succeeded" in types, f"webhooks received: {types}"
        wait_for_total(journey, f"/initiatives/{code}/", money_text(before + amount, lang))
        journey.check_page("initiative page after the gift")


def test_declined_payment_is_explained_and_records_nothing(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    page = journey.page
    with live_db(), scopes_disabled():
        initiative = InitiativeFactory(
            title_ar=f"وجبات مدرسية لطلاب صور {n}", title_en=f"School meals in Sur {n}"
        )
        before = raised(initiative)
    code = initiative.public_code

    with journey.step("a donor opens the shared giving link and picks an amount"):
        journey.goto(f"/give/{code}/")
        journey.check_page("donation form")
        page.locator("label[for=preset-3]").click()  # the third preset amount
        with page.expect_navigation():
            page.locator("form.give-form button[type=submit]").click()

    with journey.step("the bank declines: the page says so and offers to try again"):
        reference = pay_on_sandbox(journey, "failed")
        failed = page.locator("#donation-status .alert-danger[role=alert]")
        failed.wait_for(timeout=20_000)
        journey.check_page("payment declined")
        assert failed.inner_text().strip()
        assert page.locator("form[action*='/give/retry/'] button").is_visible()
        assert page.locator("a[href*='/receipts/']").count() == 0

    with journey.step("nothing is recorded as given"):
        with live_db(), scopes_disabled():
            assert raised(initiative) == before
            states = [d.state for d in donations_of(initiative)]
            assert states == ["failed"], states
        types = webhook_types(reference, live_db, expect="payment.failed")
        assert "payment.failed" in types, f"webhooks received: {types}"
        journey.goto(f"/initiatives/{code}/")
        journey.check_page("initiative page unchanged")
        shown = [t.strip() for t in page.locator("bdi.money").all_inner_texts()]
        assert money_text(before, lang) in shown, shown


def tab_to(page, selector: str, *, limit: int = 60, backwards: bool = False) -> None:
    """Press Tab until the focused element matches ``selector``: it must be reachable."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            outline = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                          || s.boxShadow !== 'none'; }"""
            )
            assert outline, f"{selector} has focus but no visible focus indicator"
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


@pytest.mark.parametrize("variant", [DESKTOP_AR, DESKTOP_EN], ids=lambda v: v.id, indirect=True)
def test_keyboard_only_donation(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    page = journey.page
    with live_db(), scopes_disabled():
        initiative = InitiativeFactory(
            title_ar=f"سقيا ماء في قرى ظفار {n}", title_en=f"Water for Dhofar villages {n}"
        )
        before = raised(initiative)
    code = initiative.public_code

    with journey.step("reach the form from the skip link"):
        journey.goto(f"/give/{code}/")
        journey.check_page("donation form")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('skip-link')")
        page.keyboard.press("Enter")

    with journey.step("choose a preset amount with the arrow keys"):
        tab_to(page, "input[name=preset]")
        page.keyboard.press("ArrowLeft" if lang == "ar" else "ArrowRight")
        chosen = page.evaluate("document.querySelector('input[name=preset]:checked')?.value")
        assert chosen, "no amount chosen with the arrow keys"

    with journey.step("type a name and a phone number, then send the form with Enter"):
        tab_to(page, "[name=donor_name]")
        page.keyboard.type("Aisha Al Kindi" if lang == "en" else "عائشة الكندية")
        tab_to(page, "[name=donor_phone]")
        page.keyboard.type(f"9{n:07d}")
        tab_to(page, "form.give-form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url("**/pay/sandbox/**")
        journey.check_page("payment gateway")

    with journey.step("confirm the payment with the keyboard on the gateway's page"):
        tab_to(page, "input[name=outcome][value=succeeded]")
        page.keyboard.press("Space")
        tab_to(page, "main form button[type=submit]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url("**/give/thanks/**")
        page.locator("#donation-status .alert-success").wait_for(timeout=20_000)
        journey.check_page("thank you")

    with (
        journey.step("the donation is recorded once, for the chosen amount"),
        live_db(),
        scopes_disabled(),
    ):
        assert raised(initiative) - before == Decimal(chosen)
        assert [d.state for d in donations_of(initiative)] == ["confirmed"]
