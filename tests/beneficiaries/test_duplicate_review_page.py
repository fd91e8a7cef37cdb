"""The duplicate review people can read: no decision chosen for the reviewer, the two records
side by side with each field's agreement, the score out of 100, a badge that counts what the
list shows."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from joud.beneficiaries import services
from joud.beneficiaries.models import DuplicateAlert
from joud.beneficiaries.selectors import match_points, review_counts
from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.factories import make_case
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def household_twice(org_a, org_b, caseworker_a, caseworker_b):
    """One household registered by two associations: two of its people match (two alerts,
    one pair of cases)."""
    with scopes_disabled():
        a = make_case(org_a, caseworker_a)
        b = make_case(org_b, caseworker_b, full_name="Haitham bin Salim Al-Hinai", civil_id="")
        for case, actor in ((a, caseworker_a), (b, caseworker_b)):
            services.person_add(
                case=case,
                actor=actor,
                relation="child",
                full_name="سالم بن هيثم بن سالم الهنائي",
                sex="m",
                birth_year=2012,
                birth_month=5,
                birth_day=9,
                civil_id="87654321",
            )
    return a, b


def test_the_score_reads_out_of_100_with_the_threshold_at_50():
    evidence = {"threshold": 9.0}
    assert match_points(9.0, evidence) == 50
    assert match_points(10.0, evidence) == 67
    assert match_points(12.0, evidence) == 89
    assert match_points(8.0, evidence) == 33
    assert match_points(21.9, evidence) == 100
    assert match_points(-400, evidence) == 0
    assert match_points(9.0, {}) == 50  # older alerts: the default threshold


def test_the_badge_counts_the_pairs_the_list_shows(client, household_twice, caseworker_a, org_a):
    assert DuplicateAlert.objects.count() == 2  # two people matched…
    assert review_counts(org_a)["open"] == 1  # …between one pair of cases
    login_with_totp(client, caseworker_a)
    cases = client.get(reverse("beneficiaries:case_list"))
    assert cases.context["open_alerts"] == 1
    queue = client.get(reverse("beneficiaries:duplicates"))
    assert len(queue.context["pairs"]) == 1
    html = queue.content.decode()
    assert "nav-pills" not in html  # the brand's tabs, not Bootstrap's blue pills
    open_tab = re.search(r'aria-current="page">[^<]*<span class="review-count"><bdi>([^<]+)<', html)
    assert open_tab and open_tab.group(1) == "١"


def test_no_decision_is_chosen_and_none_is_recorded_without_one(
    client, household_twice, caseworker_a
):
    alert = DuplicateAlert.objects.order_by("id").first()
    login_with_totp(client, caseworker_a)
    url = reverse("beneficiaries:duplicate_detail", args=[alert.pk])
    html = client.get(url).content.decode()
    radios = re.findall(r'<input[^>]*name="same_person"[^>]*>', html)
    assert len(radios) == 2 and not any("checked" in r for r in radios)
    answer = client.post(url, {"note": "لم أقرأ"})
    assert answer.status_code == 200
    assert "اختر" in answer.content.decode()
    alert.refresh_from_db()
    assert alert.status == DuplicateAlert.Status.OPEN


def test_the_two_records_side_by_side_own_values_other_hidden(
    client, household_twice, caseworker_b
):
    with scopes_disabled():  # the pair of the two applicants (not of their children)
        alert = next(
            a
            for a in DuplicateAlert.objects.select_related("person_b")
            if a.person_b.full_name.startswith("Haitham")
        )
    login_with_totp(client, caseworker_b)
    page = client.get(reverse("beneficiaries:duplicate_detail", args=[alert.pk]))
    rows = {row["key"]: row for row in page.context["evidence"]}
    other = [row["values"][1] for row in rows.values()]
    assert page.context["sides"][0]["organization"].pk == alert.organization_b_id  # own first
    assert all(value is None for value in other)  # the other association's record stays hidden
    # the parts of the name as entered ("Haitham bin Salim Al-Hinai"), not the matcher's forms
    assert rows["given"]["values"][0] == ("text", "Haitham")
    assert rows["father"]["values"][0] == ("text", "Salim")
    assert rows["family"]["values"][0] == ("text", "Al-Hinai")
    assert rows["given"]["state_text"]  # each field's agreement, in words
    html = page.content.decode()
    assert "هيثم بن سالم بن خميس" not in html
    assert "من ١٠٠" in html  # the score's scale is stated
    # the other person matched between the same cases is named (the reviewer's own side)
    (other_pair,) = page.context["same_cases"]
    assert other_pair.own_person.organization_id == alert.organization_b_id


def test_the_ministry_sees_the_agreement_not_the_people(client, household_twice, reviewer):
    alert = DuplicateAlert.objects.first()
    login_with_totp(client, reviewer)
    page = client.get(reverse("beneficiaries:ministry_duplicate", args=[alert.pk]))
    assert page.status_code == 200
    assert all(v is None for row in page.context["evidence"] for v in row["values"])
    assert "Haitham" not in page.content.decode()
