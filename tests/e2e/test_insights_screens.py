"""The insights pages as their people see them (issue 15 "Done when"): the ministry's
dashboard, the priorities map and the anomaly queue; an organization's dashboard and its donors
page; in Arabic on a phone and English on a desktop, each checked (axe, language, no sideways
scroll, no English left on Arabic pages) and photographed for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.insights.anomalies.services import anomaly_raise
from joud.insights.forecast import synthetic
from joud.insights.models import ForecastDay
from joud.insights.services import rollups_rebuild
from joud.organizations.models import Membership
from tests.beneficiaries.factories import make_case
from tests.e2e.actions import sign_in_with_password, staff_user
from tests.factories import InitiativeFactory, OrganizationFactory
from tests.insights.helpers import at, gift

pytestmark = pytest.mark.e2e
_numbers = itertools.count(9101)
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
NAMES = [
    "سالم البلوشي", "مريم الهنائية", "خالد الحارثي", "فاطمة الكندية", "أحمد الرواحي",
    "عائشة السيابية", "يوسف المعمري", "زينب العبرية", "حمد الشكيلي", "نورة البوسعيدية",
]  # fmt: skip


def _forecasts(scope: str, key: str, daily: float) -> None:
    """A forecast of the demo's Hijri shape (what the nightly job would write), 400 days, of
    about ``daily`` rials a day on average."""
    today = timezone.localdate()
    shape = synthetic.SERIES[0].generate(today, today + dt.timedelta(days=400))
    scale = daily * len(shape) / sum(shape.values())
    ForecastDay.objects.filter(scope=scope, key=key).delete()  # the other variant's
    ForecastDay.objects.bulk_create(
        ForecastDay(
            scope=scope, key=key, day=day, forecast=Decimal(f"{v * scale:.3f}"),
            lo=Decimal(f"{v * scale * 0.8:.3f}"), hi=Decimal(f"{v * scale * 1.3:.3f}"),
            computed_on=today,
        )
        for day, v in shape.items()
    )  # fmt: skip


def _world(n: int) -> dict:
    today = timezone.localdate()
    org = OrganizationFactory(
        name_ar=f"جمعية الرحمة للتكافل {str(n).translate(ARABIC_DIGITS)}",
        name_en=f"Al Rahma Solidarity {n}",
        slug=f"rahma-{n}",
    )
    admin, admin_totp = staff_user(email=f"rahma{n}@example.om", full_name="مريم بنت سعيد")
    Membership.objects.create(user=admin, organization=org, role=Membership.Role.ADMIN)
    reviewer, reviewer_totp = staff_user(
        email=f"reviewer{n}@mosd.gov.om", full_name="أحمد المعمري", is_ministry_reviewer=True
    )
    orphans = InitiativeFactory(
        organization=org, state="live", category="orphans", title_ar="كفالة الأيتام",
        title_en="Orphan sponsorship", goal=Decimal("20000"),
    )  # fmt: skip
    meals = InitiativeFactory(
        organization=org, state="live", category="school_meals", title_ar="الوجبة المدرسية",
        title_en="School meals", goal=Decimal("5000"),
    )  # fmt: skip
    # 30 donors over ten months: some give every month, some once; amounts with and without baisa.
    amounts = ["5", "10", "25", "7.250", "50", "100", "3.500"]
    for d in range(30):
        times = 1 + d % 6
        for k in range(times):
            day = today - dt.timedelta(days=(d * 7 + k * 45) % 300)
            gift(
                org, when=at(day, 10 + k % 10), amount=amounts[(d + k) % len(amounts)],
                email=f"donor{n}-{d}@example.om", name=NAMES[d % len(NAMES)],
                initiative=orphans if (d + k) % 3 else meals,
            )  # fmt: skip
    caseworker, _ = staff_user(email=f"case{n}@example.om", full_name="خالد الهنائي")
    Membership.objects.create(user=caseworker, organization=org, role=Membership.Role.CASEWORKER)
    make_case(org, caseworker)
    rollups_rebuild()
    _forecasts("national", "", 150)
    _forecasts("category", "orphans", 90)
    _forecasts("category", "school_meals", 35)
    _forecasts("organization", str(org.pk), 12)
    _forecasts("org_category", f"{org.pk}:orphans", 8)
    anomaly_raise(
        kind="card_testing", subject="ip:203.0.113.7", reason="small_attempts",
        details={"attempts": 14, "small": 12, "declines": 9},
    )  # fmt: skip
    anomaly_raise(
        kind="unusual_initiative", subject=f"initiative:{meals.pk}", reason="unusual_money",
        details={"raised": "48250.500", "typical": "3100", "peers": 12},
        organization_id=org.pk, initiative_id=meals.pk,
    )  # fmt: skip
    anomaly_raise(
        kind="unusual_disbursement", subject="payee:OM12", reason="under_threshold",
        details={"payments": 3, "threshold": "5000"}, organization_id=org.pk,
    )  # fmt: skip
    return {
        "org": org,
        "admin": (admin, admin_totp),
        "reviewer": (reviewer, reviewer_totp),
    }


def _text(page) -> str:
    return page.locator("main").inner_text()


def test_insights_screens(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    with live_db(), scopes_disabled():
        world = _world(n)

    journey.act_as("ministry")
    page = journey.page
    reviewer, reviewer_totp = world["reviewer"]
    with journey.step("the ministry reviewer opens the national dashboard"):
        journey.goto("/ministry/insights/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=reviewer.email, totp_secret=reviewer_totp)
        page.wait_for_url("**/ministry/insights/")
        page.locator("canvas").first.wait_for()
        journey.check_page("ministry dashboard")
        text = _text(page)
        assert ("رمضان القادم" if lang == "ar" else "Next Ramadan") in text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "no ISO dates"

    with journey.step("the reviewer opens the priorities map"):
        journey.goto("/ministry/insights/priorities/")
        page.locator("svg").first.wait_for()
        journey.check_page("priorities map")

    with journey.step("the reviewer opens the anomaly queue"):
        journey.goto("/ministry/insights/anomalies/")
        journey.check_page("anomaly queue")
        text = _text(page)
        assert ("٢٠٣" not in text) and "203.0.113.7" in text, "an address reads left to right"

    journey.act_as("association")
    page = journey.page
    admin, admin_totp = world["admin"]
    with journey.step("the association's administrator opens its dashboard"):
        journey.goto("/org/insights/")
        journey.check_page("sign-in")
        sign_in_with_password(journey, login=admin.email, totp_secret=admin_totp)
        page.wait_for_url("**/org/insights/")
        page.locator("canvas").first.wait_for()
        journey.check_page("organization dashboard")

    with journey.step("the administrator opens the donors page"):
        journey.goto("/org/insights/donors/")
        journey.check_page("donors")
