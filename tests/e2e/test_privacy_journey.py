"""Personal data, in the browser (issue 24): a donor with gifts downloads their data as JSON,
withdraws their consent to updates (and no update reaches them afterwards), and asks for
erasure, whose answer says what is kept and why; a caseworker records a beneficiary's consent
on the case's privacy page (the signed paper scanned) and answers the beneficiary's access
request, logged with its deadline. Arabic on a phone, English on a desktop."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from tests.e2e.actions import sign_in_with_password, staff_user, tr
from tests.e2e.test_licensing import MINIMAL_PDF
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.e2e
_numbers = itertools.count(8901)

# Western and Arabic-Indic digits alike: a date or a count reads right in either.
_DIGIT = r"[\d٠-٩]"


def _donor_world(n: int, lang: str):
    from joud.privacy.models import Purpose
    from joud.privacy.registry import DataSubject
    from joud.privacy.services import consent_record
    from tests.web.gifts import bulk_gifts

    donor = UserFactory(
        email=f"donor{n}@example.om",
        phone=f"+9689{n:07d}",
        phone_verified=True,
        full_name="سالم بن راشد الحارثي",
        language=lang,
    )
    initiative = InitiativeFactory(title_ar=f"كفالة أيتام {n}", title_en=f"Orphan sponsorship {n}")
    gifts = bulk_gifts(donor=donor, initiative=initiative, count=3, amount="7.250")
    subject = DataSubject.of_user(donor)
    consent_record(subject=subject, purpose=Purpose.UPDATES, method="web", language=lang)
    consent_record(subject=subject, purpose=Purpose.PUBLIC_NAME, method="web", language=lang)
    return donor, gifts


def test_donor_downloads_withdraws_and_erases(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    page = journey.page
    with live_db(), scopes_disabled():
        donor, gifts = _donor_world(n, lang)
    references = {g.reference for g in gifts}

    with journey.step("the donor signs in and opens «My data»"):
        journey.goto("/accounts/login/")
        journey.check_page("sign in")
        sign_in_with_password(journey, login=donor.email)
        journey.check_page("signed in")
        journey.goto("/privacy/my-data/")
        journey.check_page("my data")
        updates = page.locator("#consents li[data-purpose=updates]")
        assert updates.locator("strong.text-success").is_visible(), "updates not shown as agreed"
        # A beneficiary's consents are recorded by the association, not given here.
        assert page.locator("#consents li[data-purpose^=case]").count() == 0
        # The gifts counted in the reader's digits (three records).
        assert re.search(_DIGIT, page.locator("#seen").inner_text())

    with journey.step("download my data: machine-readable JSON with the gifts"):
        with page.expect_download() as info:
            page.locator("#download button[type=submit]").click()
        download = info.value
        assert download.suggested_filename == "my-joud-data.json"
        data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
        assert data["account"]["email"] == donor.email
        assert data["account"]["full_name"] == "سالم بن راشد الحارثي"
        gifts_out = [row for row in data["donations"] if "reference" in row]
        assert {row["reference"] for row in gifts_out} == references
        assert {row["amount"] for row in gifts_out} == {"7.250"}
        assert {row["currency"] for row in gifts_out} == {"OMR"}
        assert {c["purpose"] for c in data["consents"]} >= {"updates", "public_name"}
        # The download is itself a request, logged and answered at once.
        journey.goto("/privacy/my-data/")
        journey.check_page("my data after the download")
        requests = page.locator("#requests").inner_text()
        assert tr(lang, "Download my data") in requests, requests

    with journey.step("withdraw the consent to updates: shown, and updates stop"):
        with page.expect_navigation():
            updates.locator("button[type=submit]").click()
        journey.check_page("consent to updates withdrawn")
        assert page.locator(".alert-success").is_visible()
        assert updates.locator("strong.text-success").count() == 0
        assert updates.locator("input[name=action]").get_attribute("value") == "give"
        with live_db():
            from joud.core.notify import Recipient
            from joud.privacy.services.consent import updates_gate

            assert not updates_gate(Recipient.of_user(donor), None), "updates still allowed"

    with journey.step("ask for erasure: the answer says what is kept and why"):
        with page.expect_navigation():
            page.locator("#erase a.btn").click()
        journey.check_page("erase: what it means")
        page.locator("label[for=id_confirm]").click()
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        journey.check_page("erased: the answer")
        answer = page.locator("main").inner_text()
        assert tr(lang, "Your data was erased") in answer
        kept = page.locator("tbody tr", has_text=tr(lang, "Gifts and their receipts"))
        assert kept.count() == 1
        row = kept.inner_text()
        assert tr(lang, "name and contact replaced") in row
        why = tr(
            lang,
            "Amounts, dates, references and receipt numbers stay in the association's books for "
            "ten years, as accounting and the fundraising regulation require; the name and "
            "contacts are removed.",
        )
        assert why in row, row
        assert re.search(rf"\({_DIGIT}\)", row), row  # how many gifts, in the reader's digits
        assert "سالم بن راشد" not in answer
        with live_db(), scopes_disabled():
            from joud.donations.models import Donation

            kept_gifts = Donation.objects.filter(reference__in=references)
            assert kept_gifts.count() == 3
            assert set(kept_gifts.values_list("amount", flat=True)) == {Decimal("7.250")}
            assert not kept_gifts.exclude(donor_name="").exists(), "the name is still there"

    with journey.step("signed out: «My data» asks to sign in again"):
        journey.goto("/privacy/my-data/")
        assert "/accounts/login" in page.url
        journey.check_page("signed out after erasure")


def _case_world(n: int):
    from joud.organizations.models import Membership
    from tests.beneficiaries.factories import make_case

    org = OrganizationFactory(
        name_ar=f"جمعية الخير للتكافل {n}", name_en=f"Al Khair Solidarity {n}", slug=f"khair-{n}"
    )
    worker, totp = staff_user(email=f"cw{n}@example.om", full_name="خالد بن سعيد الهنائي")
    Membership.objects.create(user=worker, organization=org, role=Membership.Role.CASEWORKER)
    case = make_case(org, worker)
    return org, worker, totp, case


def test_caseworker_records_consent_and_answers_an_access_request(journey, live_db):
    n = next(_numbers)
    lang = journey.lang
    page = journey.page
    with live_db(), scopes_disabled():
        _org, worker, totp, case = _case_world(n)
    url = f"/cases/{case.reference}/privacy/"

    with journey.step("the caseworker signs in and opens the case's privacy page"):
        journey.goto("/accounts/login/")
        journey.check_page("sign in")
        sign_in_with_password(journey, login=worker.email, totp_secret=totp)
        journey.check_page("signed in")
        journey.goto(url)
        journey.check_page("case privacy")

    with journey.step("record the beneficiary's consent: the signed paper, scanned"):
        page.select_option("select[name=purpose]", "case")
        page.select_option("select[name=method]", "paper")
        page.select_option("select[name=language]", "ar")
        page.set_input_files(
            "input[name=scan]",
            files=[{"name": "consent.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}],
        )
        with page.expect_navigation():
            page.locator("#consents form button[type=submit]").click()
        journey.check_page("consent recorded")
        assert page.locator(".alert-success").is_visible()
        row = page.locator("#consents li[data-purpose=case]").first.inner_text()
        assert tr(lang, "Signed paper, scanned") in row
        assert "خالد بن سعيد الهنائي" in row  # who recorded it
        with live_db():
            from joud.privacy.models import Consent

            consent = Consent.objects.get(case_reference=case.reference, purpose__code="case")
            assert consent.method == "paper" and consent.scan.name
            assert consent.recorded_by_id == worker.pk and consent.language == "ar"
            assert consent.text_shown == consent.text.body_ar

    with journey.step("the beneficiary asks, through the association, to see their data"):
        page.select_option("select[name=r-kind]", "access")
        page.fill("[name=r-details]", "طلب مقدم في مكتب الجمعية")
        with page.expect_navigation():
            page.locator("#requests form[action$='/request/'] button[type=submit]").click()
        journey.check_page("access request recorded with its deadline")
        with live_db():
            from joud.privacy.models import RightsRequest

            asked = RightsRequest.objects.get(case_reference=case.reference)
            days = settings.JOUD_RIGHTS_ANSWER_DAYS
            assert asked.due_at - asked.received_at == dt.timedelta(days=days)
            assert asked.status == "open"
        item = page.locator("#requests li").first.inner_text()
        assert tr(lang, "answer due") in item and tr(lang, "See their data") in item
        assert re.search(_DIGIT, item)

    with journey.step("answer it: the case's data as JSON, and the answer logged"):
        page.fill("#requests li input[name=answer]", "سُلّمت البيانات للمستفيد ورقيًا")
        with page.expect_download() as info:
            page.locator("#requests li form button[type=submit]").click()
        download = info.value
        assert download.suggested_filename == f"{case.reference}-data.json"
        data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
        assert any(c["purpose"] == "case" for c in data["consents"])
        journey.goto(url)
        journey.check_page("access request answered")
        item = page.locator("#requests li[data-status=answered]").inner_text()
        assert "سُلّمت البيانات للمستفيد ورقيًا" in item
        with live_db(), scopes_disabled():
            from joud.beneficiaries.models import CaseAccessLog
            from joud.privacy.models import RightsRequest

            asked = RightsRequest.objects.get(case_reference=case.reference)
            assert asked.status == "answered" and asked.answered_at <= asked.due_at
            assert asked.handled_by_id == worker.pk
            assert CaseAccessLog.objects.filter(case=case, action="export").exists()
            assert asked.answered_at > timezone.now() - dt.timedelta(minutes=5)
