"""Issue 20's leftovers in a real browser: a ministry reviewer issues a ministry token from the
console (shown once) and it reads the ministry's queues; an association's finance officer
previews a list of offline gifts with a bad row (nothing saved, the reason in the page's
language)."""

from __future__ import annotations

import itertools
import re

import pytest
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from tests.e2e.actions import sign_in_with_password, staff_user
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.e2e

_numbers = itertools.count(9501)


def _submit(page, form: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form} button[type=submit]").click()


def test_a_ministry_token_from_the_console_reads_the_queues(journey, live_db):
    n = next(_numbers)
    with live_db(), scopes_disabled():
        OrganizationFactory(status="pending", slug=f"waiting-{n}", name_ar=f"جمعية تنتظر {n}")
        officer, totp = staff_user(email=f"reviewer{n}@example.om", is_ministry_reviewer=True)

    journey.act_as("ministry reviewer")
    page = journey.page
    with journey.step("the reviewer opens the ministry's API tokens from the console"):
        journey.goto("/ministry/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=officer.email, totp_secret=totp)
        page.wait_for_url("**/ministry/")
        journey.check_page("ministry console")
        with page.expect_navigation():
            page.locator("a[href='/ministry/api/']").click()
        journey.check_page("ministry api tokens")

    with journey.step("a token is issued and shown once"):
        page.fill("[name=name]", "نظام الوزارة" if journey.lang == "ar" else "Ministry systems")
        page.locator("input[name=scopes][value='licences:read']").check()
        _submit(page, "main form[method=post]:has([name=name])")
        journey.check_page("ministry token created")
        raw = page.locator("#new-token").inner_text().strip()
        assert re.fullmatch(r"joudmin_[0-9a-f]{8}_[A-Za-z0-9_-]+", raw)

    with journey.step("the token reads the licence queue and nothing of an organization"):
        auth = {"Authorization": f"Bearer {raw}"}
        queue = page.request.get(journey.url("/api/v1/ministry/licences"), headers=auth)
        assert queue.status == 200
        assert f"waiting-{n}" in [o["slug"] for o in queue.json()["items"]]
        refused = page.request.get(journey.url("/api/v1/org/me"), headers=auth)
        assert refused.status == 403 and refused.json()["code"] == "token_wrong_kind"
        journey.goto("/ministry/api/")
        journey.check_page("ministry token listed")
        assert raw not in page.content()


def test_a_list_of_offline_gifts_is_previewed_and_nothing_is_saved(journey, live_db):
    n = next(_numbers)
    with live_db(), scopes_disabled():
        org = OrganizationFactory(slug=f"gifts-{n}", name_ar=f"جمعية الهبات {n}")
        initiative = InitiativeFactory(organization=org)
        finance, totp = staff_user(email=f"finance{n}@example.om")
        MembershipFactory(user=finance, organization=org, role="finance")

    journey.act_as("finance officer")
    page = journey.page
    with journey.step("the finance officer opens the imports page"):
        journey.goto("/org/api/imports/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=finance.email, totp_secret=totp)
        page.wait_for_url("**/org/api/imports/")
        journey.check_page("imports for finance")
        assert page.locator("select[name=kind] option[value=beneficiaries]").count() == 0

    with journey.step("a list with a bad row is previewed"):
        day = timezone.localdate().isoformat()
        rows = [
            "donor_name,amount,received_on,channel,target,anonymous,slip",
            f"سالم بن خميس,25,{day},نقدا,{initiative.public_code},no,R-{n}",
            f"خالد,1e9,{day},شيك,nowhere,maybe,",
        ]
        page.select_option("select[name=kind]", "donors")
        page.set_input_files(
            "input[name=file]",
            files=[
                {
                    "name": "gifts.csv",
                    "mimeType": "text/csv",
                    "buffer": ("\ufeff" + "\n".join(rows)).encode(),
                }
            ],
        )
        _submit(page, "main form[enctype]")
        page.wait_for_url(re.compile(r"/org/api/imports/\d+/$"))
        journey.check_page("offline gifts preview")
        assert page.locator("button[value=commit]").count() == 0
        assert page.locator("a[href$='rejected.csv']").count() == 1
