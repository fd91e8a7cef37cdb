"""The one verify box, as the public uses it: an appeal's code from a poster, a waqf share
certificate's code, a pasted receipt link from its QR code, a case code (which says only that
the case exists and its state), a link to another site (refused with a reason), and an unknown
code. Arabic on a phone, English on a desktop."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from joud.core.tenancy import organization_scope, scopes_disabled
from tests.beneficiaries.factories import make_case
from tests.e2e.test_public import tr
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(9301)


def _check(journey, text: str, name: str) -> object:
    page = journey.page
    box = page.get_by_label(tr(journey.lang, "Code or link"))
    box.fill(text)
    with page.expect_navigation():
        box.press("Enter")
    journey.check_page(name)
    return page.locator(".verify-result")


def test_the_verify_box_knows_every_kind(journey, live_db):
    from joud.donations.models import PaymentAttempt
    from joud.donations.services import payment_attempt_start
    from joud.endowments.services import waqf_create, waqf_share_create
    from joud.receipts.services import receipt_for_donation
    from tests.donations.factories import make_donation, pay

    n = next(_numbers)
    lang = journey.lang
    page = journey.page
    with live_db(), scopes_disabled():
        item = InitiativeFactory(
            title_ar=f"سقيا الصائمين {n}", title_en=f"Water for the fasting {n}"
        )
        donation, attempt = make_donation(initiative=item, amount="7.250")
        pay(attempt)
        donation.refresh_from_db()
        receipt = receipt_for_donation(donation=donation)
        institution = OrganizationFactory(kind="waqf", name_ar=f"مؤسسة وقف الخير {n}")
        admin = MembershipFactory(organization=institution, role="admin").user
        waqf = waqf_create(
            organization=institution,
            actor=admin,
            name_ar=f"وقف سقيا الماء {n}",
            name_en=f"Water endowment {n}",
            purpose_ar="توفير الماء",
            purpose_en="Water",
            deed_ar="أوقفتُ هذا المال لله تعالى.",
            purposes=["construction"],
            slug=f"verify-water-{n}",
        )
        share = waqf_share_create(
            waqf=waqf, amount=Decimal("20"), donor=None, donor_phone=f"+9689{n:07d}"
        )
        started, _url = payment_attempt_start(donation=share.donation, return_url="/")
        pay(PaymentAttempt.unscoped.get(pk=started.pk))
        worker = MembershipFactory(organization=item.organization, role="caseworker").user
        with organization_scope(item.organization):
            case = make_case(item.organization, worker, category="debt")
    receipt_link = f"{journey.base_url}/receipts/verify/{receipt.token}/"

    with journey.step("open the verify box"):
        journey.goto("/verify/")
        journey.check_page("verify box")

    with journey.step("an appeal's code from a poster"):
        result = _check(journey, f" {item.public_code.lower()} ", "appeal licensed")
        assert result.get_attribute("data-status") == "licensed"
        assert (item.title_ar if lang == "ar" else item.title_en) in result.inner_text()

    with journey.step("a waqf share certificate's code"):
        result = _check(journey, share.code, "waqf share genuine")
        assert result.get_attribute("data-kind") == "waqf_share"
        assert result.get_attribute("data-status") == "genuine"
        assert (waqf.name_ar if lang == "ar" else waqf.name_en) in result.inner_text()

    with journey.step("a receipt's link pasted from its QR code"):
        result = _check(journey, receipt_link, "receipt genuine")
        assert result.get_attribute("data-kind") == "receipt"
        assert ("٧٫٢٥" if lang == "ar" else "7.25") in result.inner_text()

    with journey.step("a case code: only that it exists, and its state"):
        result = _check(journey, case.reference, "case exists")
        assert result.get_attribute("data-kind") == "case"
        text = result.inner_text()
        assert "الهنائي" not in text and "هيثم" not in text
        assert item.organization.name_ar not in text

    with journey.step("a link to another site is refused with the reason"):
        result = _check(journey, "https://joud-om.example/verify/K7Q2MX/", "foreign link")
        assert result.get_attribute("data-status") == "invalid"
        assert result.get_attribute("data-problem") == "foreign_link"
        assert page.get_by_label(tr(lang, "Code or link")).input_value() == ""

    with journey.step("an unknown code"):
        result = _check(journey, "ZZZZ99", "unknown code")
        assert result.get_attribute("data-status") == "unknown"
