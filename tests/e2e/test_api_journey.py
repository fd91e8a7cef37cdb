"""The API in a real browser: an association's administrator creates a token in the dashboard
(shown once), the token opens the organization's API, a webhook is added; the interactive docs
load from the platform itself and pass the Content-Security-Policy."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlsplit

import pytest

from joud.core.tenancy import scopes_disabled
from tests.e2e.actions import sign_in_with_password, staff_user
from tests.e2e.conftest import ARTIFACTS
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.e2e

_numbers = itertools.count(9301)


def _submit(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def test_a_token_from_the_dashboard_opens_the_organizations_api(journey, live_db):
    n = next(_numbers)
    with live_db(), scopes_disabled():
        org = OrganizationFactory(slug=f"api-journey-{n}", name_ar=f"جمعية الواجهة {n}")
        InitiativeFactory(organization=org)
        admin, totp = staff_user(email=f"api-admin{n}@example.om")
        MembershipFactory(user=admin, organization=org, role="admin")

    journey.act_as("administrator")
    page = journey.page
    with journey.step("the administrator opens API and webhooks from the dashboard"):
        journey.goto("/org/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=admin.email, totp_secret=totp)
        page.wait_for_url("**/org/")
        journey.check_page("dashboard")
        with page.expect_navigation():
            page.locator("a[href='/org/api/']").click()
        journey.check_page("api tokens")

    with journey.step("a token is created and shown once"):
        page.fill("[name=name]", "دفاتر الجمعية" if journey.lang == "ar" else "Our books")
        page.locator("input[name=scopes][value='donations:read']").check()
        page.locator("input[name=scopes][value='cases:read']").check()
        _submit(page, "main form[method=post]:has([name=name])")
        journey.check_page("token created")
        raw = page.locator("#new-token").inner_text().strip()
        assert re.fullmatch(r"joud_[0-9a-f]{8}_[A-Za-z0-9_-]+", raw)

    with journey.step("the token reads the organization's own data"):
        me = page.request.get(
            journey.url("/api/v1/org/me"), headers={"Authorization": f"Bearer {raw}"}
        )
        assert me.status == 200 and me.json()["organization"] == org.slug
        counts = page.request.get(
            journey.url("/api/v1/org/cases/counts"), headers={"Authorization": f"Bearer {raw}"}
        )
        assert counts.status == 200 and counts.json()["total"] == 0
        refused = page.request.get(
            journey.url("/api/v1/org/volunteers"), headers={"Authorization": f"Bearer {raw}"}
        )
        assert refused.status == 403 and refused.json()["code"] == "scope_missing"
        journey.goto("/org/api/")
        journey.check_page("token listed")
        assert raw not in page.content()

    with journey.step("a webhook is added with its secret shown once"):
        with page.expect_navigation():
            page.locator("a[href='/org/api/webhooks/']").first.click()
        journey.check_page("webhooks")
        page.fill("[name=url]", f"https://books{n}.example.om/joud")
        page.locator("input[name=events][value='donation.confirmed']").check()
        _submit(page, "main form[method=post]:has([name=url])")
        journey.check_page("webhook added")
        assert "whsec_" in page.content()
        with page.expect_navigation():
            page.locator(f"a[href^='/org/api/webhooks/']:has-text('books{n}')").click()
        journey.check_page("webhook and its delivery log")

    with journey.step("a list of beneficiaries with a bad row is previewed, nothing saved"):
        journey.goto("/org/api/imports/")
        journey.check_page("imports")
        header = (
            "full_name,civil_id,phone,sex,birth_year,wilayat,category,monthly_income,needs,consent"
        )
        rows = [
            f"سعيد بن علي الراشدي,{n}1122,92345678,m,1980,نزوى,living,180,إيجار,yes",
            "خالد,12,123,x,80,مكان مجهول,nope,,,no",
        ]
        csv_bytes = ("\ufeff" + "\n".join([header, *rows])).encode()
        page.set_input_files(
            "input[name=file]",
            files=[{"name": "list.csv", "mimeType": "text/csv", "buffer": csv_bytes}],
        )
        _submit(page, "main form[enctype]")
        page.wait_for_url(re.compile(r"/org/api/imports/\d+/$"))
        journey.check_page("import preview")
        assert page.locator("a[href$='rejected.csv']").count() == 1
        assert page.locator("button[value=commit]").count() == 0


def test_the_interactive_docs_load_from_the_platform_under_the_csp(browser, joud_server):
    """Swagger UI: every asset from the platform, nothing refused by the CSP, the operations
    drawn from the platform's own OpenAPI document."""
    host = urlsplit(joud_server.url).netloc
    outside, refused, errors = [], [], []
    context = browser.new_context(locale="ar-OM")

    def guard(route, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == host:
            route.continue_()
        else:
            outside.append(request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and refused.append(m.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        response = page.goto(joud_server.url + "/api/v1/docs", wait_until="load")
        assert response.status == 200
        page.locator(".opblock").first.wait_for(timeout=15000)
        assert page.locator(".opblock").count() >= 10
        shots = ARTIFACTS / "api-docs"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "01-swagger.png"), full_page=False)
    finally:
        context.close()
    assert outside == [], f"requests outside the platform: {outside}"
    assert [m for m in refused if "Content Security Policy" in m] == []
    assert errors == []
