"""The staff consoles as their people see them (issue 16 "Done when"): the organization
dashboard, the duplicate review (queue and a pair), the ministry console and the audit log, in
Arabic on a phone and English on a desktop, each checked (axe, language, no sideways scroll, no
English left on Arabic pages) and photographed for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.core.audit import audit_log
from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts
from joud.ledger.services.posting import DonationPosting, ledger_post_donations
from joud.ministry.services import organization_warn
from joud.organizations.models import Membership
from tests.beneficiaries.factories import make_case
from tests.e2e.actions import sign_in_with_password, staff_user
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.e2e
State = Initiative.State
_numbers = itertools.count(8101)


def _gifts(initiative, n: int, amounts: list[str], *, days_ago: int = 0) -> None:
    fund = accounts.initiative_account(initiative)
    when = timezone.now() - dt.timedelta(days=days_ago)
    ledger_post_donations(
        [
            DonationPosting(
                initiative.organization_id,
                f"E2E-{n}-{initiative.pk}-{i}",
                "sandbox",
                fund.pk,
                Decimal(amount),
                Decimal("0"),
                Decimal("0"),
                created_at=when,
            )
            for i, amount in enumerate(amounts)
        ]
    )


def _world(n: int) -> dict:
    today = timezone.localdate()
    org = OrganizationFactory(
        name_ar=f"جمعية الرحمة للتكافل {n}", name_en=f"Al Rahma Solidarity {n}", slug=f"rahma-{n}"
    )
    other = OrganizationFactory(
        name_ar=f"فريق العطاء التطوعي {n}", name_en=f"Al Ataa Volunteers {n}", slug=f"ataa-{n}"
    )
    admin, admin_totp = staff_user(email=f"rahma{n}@example.om", full_name="مريم بنت سعيد")
    Membership.objects.create(user=admin, organization=org, role=Membership.Role.ADMIN)
    caseworker, caseworker_totp = staff_user(email=f"case{n}@example.om", full_name="خالد الهنائي")
    Membership.objects.create(user=caseworker, organization=org, role=Membership.Role.CASEWORKER)
    other_worker, _ = staff_user(email=f"ataa{n}@example.om", full_name="سالم البلوشي")
    Membership.objects.create(user=other_worker, organization=other, role="caseworker")
    reviewer, reviewer_totp = staff_user(
        email=f"reviewer{n}@mosd.gov.om", full_name="أحمد المعمري", is_ministry_reviewer=True
    )

    def initiative(state, title_ar, title_en, **fields):
        return InitiativeFactory(
            organization=org, state=state, title_ar=title_ar, title_en=title_en, **fields
        )

    # Created in the order the old dashboard got wrong: the stopped and the rejected first.
    initiative(State.REJECTED, "حملة مرفوضة", "A rejected appeal")
    initiative(State.SUSPENDED, "حملة موقوفة", "A suspended appeal")
    closed = initiative(State.CLOSED, "أضاحي العام الماضي", "Last year's sacrifices")
    initiative(
        State.ENDED,
        "تأثيث منازل الأسر",
        "Furnishing family homes",
        report_due_on=today - dt.timedelta(days=2),
    )
    live = initiative(State.LIVE, "كفالة الأيتام", "Orphan sponsorship", is_urgent=True)
    live_two = initiative(State.LIVE, "سقيا الماء", "Water for all")
    _gifts(closed, n, ["1200", "650.500", "2000"], days_ago=200)
    _gifts(live, n, ["5", "10", "25", "7.250"])
    _gifts(live_two, n, ["100", "50"])

    # One household registered by both: a duplicate pair for the caseworkers to review.
    make_case(org, caseworker)
    make_case(other, other_worker, full_name="Haitham bin Salim Al-Hinai", civil_id="")

    organization_warn(
        organization=org, reviewer=reviewer, reason="تأخر التقرير الختامي لحملة التأثيث"
    )
    audit_log(
        action="joud.ledger.deposited",
        actor=admin,
        organization=org,
        data={"account": f"org:{org.pk}:general", "amount": Decimal("150.000")},
    )
    return {
        "org": org,
        "admin": (admin, admin_totp),
        "caseworker": (caseworker, caseworker_totp),
        "reviewer": (reviewer, reviewer_totp),
    }


def _visible_text(page) -> str:
    return page.locator("main").inner_text()


def test_consoles_screens(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    with live_db(), scopes_disabled():
        world = _world(n)

    journey.act_as("association")
    page = journey.page
    admin, admin_totp = world["admin"]
    with journey.step("the association's administrator opens the dashboard"):
        journey.goto("/org/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=admin.email, totp_secret=admin_totp)
        page.wait_for_url("**/org/")
        journey.check_page("organization dashboard")
        figures = page.locator(".key-figure")
        assert figures.count() == 4, "four key figures: raised this month, live, reports, score"
        text = _visible_text(page)
        live_title = "كفالة الأيتام" if lang == "ar" else "Orphan sponsorship"
        rejected_title = "حملة مرفوضة" if lang == "ar" else "A rejected appeal"
        assert text.index(live_title) < text.index(rejected_title), "live work comes first"
        closed = page.locator(".org-initiatives-closed li").filter(
            has_text="أضاحي العام الماضي" if lang == "ar" else "Last year's sacrifices"
        )
        closed_text = closed.inner_text()
        assert "٨٥٠٫٥٠٠" in closed_text or "3,850.500" in closed_text, closed_text

    journey.act_as("caseworker")
    page = journey.page
    caseworker, caseworker_totp = world["caseworker"]
    with journey.step("the caseworker opens the duplicate review"):
        journey.goto("/cases/duplicates/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=caseworker.email, totp_secret=caseworker_totp)
        page.wait_for_url("**/cases/duplicates/**")
        journey.check_page("duplicate queue")
        listed = page.locator(".duplicate-row").count()
        badge = page.locator(".review-tab.active .review-count").inner_text()
        assert badge in (str(listed), "١" if listed == 1 else str(listed)), (badge, listed)
        assert page.locator(".nav-pills").count() == 0

    with journey.step("the caseworker reads a pair side by side"):
        page.locator(".duplicate-row a").first.click()
        page.wait_for_url(re.compile(r".*/cases/duplicates/\d+/$"))
        journey.check_page("duplicate pair")
        radios = page.locator("input[name=same_person]")
        assert radios.count() == 2
        assert not any(radios.nth(i).is_checked() for i in range(2)), "no decision chosen"
        assert page.locator(".duplicate-sides tbody tr").count() >= 9
        assert ("من ١٠٠" if lang == "ar" else "out of 100") in _visible_text(page)

    journey.act_as("ministry")
    page = journey.page
    reviewer, reviewer_totp = world["reviewer"]
    with journey.step("the ministry reviewer opens the console"):
        journey.goto("/ministry/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=reviewer.email, totp_secret=reviewer_totp)
        page.wait_for_url("**/ministry/")
        journey.check_page("ministry console")

    with journey.step("the reviewer reads the audit log"):
        journey.goto("/ministry/audit/")
        journey.check_page("audit log")
        text = _visible_text(page)
        assert "joud." not in text and f"org:{world['org'].pk}" not in text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "no ISO dates"
        assert "{'" not in text, "no Python dictionaries"
        assert page.locator(".audit-line a[href^='/ministry/organizations/']").count() >= 1
