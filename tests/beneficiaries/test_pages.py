"""Pages render in Arabic (no English left), right to left, and never 500 on bad input."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db

# Every English msgid of this app's catalogue: none may show on an Arabic page.
ENGLISH = [
    "Cases",
    "New case",
    "Duplicate review",
    "Household",
    "Documents",
    "Assess eligibility",
    "Record a decision",
    "Status history",
    "Apply for help",
    "Full name",
    "Civil ID number",
    "Send the application",
    "Give to a verified case",
    "Beneficiary cases: national view",
    "Access log of case files",
    "Eligibility assessment",
    "The applicant is Muslim",
]


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _assert_arabic(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    text = _visible_text(html)
    left = [s for s in ENGLISH if s in text]
    assert not left, left


def test_caseworker_pages_are_arabic(client_a, case_a):
    for url in (
        reverse("beneficiaries:case_list"),
        reverse("beneficiaries:case_new"),
        reverse("beneficiaries:case_detail", args=[case_a.reference]),
        reverse("beneficiaries:assess", args=[case_a.reference]),
        reverse("beneficiaries:export", args=[case_a.reference]),
        reverse("beneficiaries:duplicates"),
        reverse("beneficiaries:offers"),
    ):
        _assert_arabic(client_a.get(url))


def test_public_and_ministry_pages_are_arabic(client, org_a, case_a, reviewer):
    _assert_arabic(client.get(reverse("beneficiaries:apply", args=[org_a.slug])))
    _assert_arabic(client.get(reverse("beneficiaries:public_list")))
    login_with_totp(client, reviewer)
    _assert_arabic(client.get(reverse("beneficiaries:ministry")))
    _assert_arabic(client.get(reverse("beneficiaries:ministry_access_log")))


def test_bad_intake_input_is_shown_again_not_500(client, org_a):
    url = reverse("beneficiaries:apply", args=[org_a.slug])
    response = client.post(
        url,
        {
            "kind": "household",
            "category": "zakat",
            "wilayat": "999999",
            "full_name": "سالم",
            "birth_year": "abc",
            "household_income": "-5",
            "consent_given": "on",
        },
    )
    assert response.status_code == 200
    assert "سالم" in response.content.decode()
