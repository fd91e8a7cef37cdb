"""Duplicates across associations: raised on entry, reviewed by those involved, learnt from."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from joud.beneficiaries import services
from joud.beneficiaries.models import DuplicateAlert, MatcherState
from joud.beneficiaries.tasks import detect_duplicates
from joud.core.scheduling import REGISTRY
from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.factories import make_case
from tests.factories import MembershipFactory, OrganizationFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicate_pair(org_a, org_b, caseworker_a, caseworker_b):
    with scopes_disabled():
        a = make_case(org_a, caseworker_a)
        # The other association: Latin letters, grandfather dropped, day/month swapped,
        # no civil ID, same phone.
        b = make_case(
            org_b,
            caseworker_b,
            full_name="Haitham bin Salim Al-Hinai",
            birth_month=7,
            birth_day=3,
            civil_id="",
        )
    return a, b


def test_a_new_case_is_checked_on_entry(duplicate_pair):
    a, b = duplicate_pair
    alert = DuplicateAlert.objects.get()
    assert {alert.case_a_id, alert.case_b_id} == {a.pk, b.pk}
    assert alert.status == "open"
    fields = alert.evidence["fields"]
    assert fields["phone"]["state"] == "agree" and fields["given"]["weight"] > 0
    assert alert.evidence["threshold"] == 9.0
    # Never merged: both cases and both people still exist, untouched.
    with scopes_disabled():
        assert a.members.count() == 1 and b.members.count() == 1


def test_lookalike_sibling_is_not_raised(org_a, org_b, caseworker_a, caseworker_b):
    with scopes_disabled():
        make_case(org_a, caseworker_a, full_name="حسن بن علي بن سعيد الكندي", civil_id="")
        make_case(org_b, caseworker_b, full_name="حسين بن علي بن سعيد الكندي", civil_id="")
    assert not DuplicateAlert.objects.exists()


def test_queue_visible_to_involved_organizations_and_ministry_only(
    client, duplicate_pair, caseworker_b, reviewer
):
    alert = DuplicateAlert.objects.get()
    outsider = MembershipFactory(organization=OrganizationFactory(), role="caseworker").user
    login_with_totp(client, outsider)
    assert "Score" not in client.get(reverse("beneficiaries:duplicates")).content.decode()
    assert client.get(reverse("beneficiaries:duplicate_detail", args=[alert.pk])).status_code == 404
    client.logout()
    login_with_totp(client, caseworker_b)
    page = client.get(reverse("beneficiaries:duplicate_detail", args=[alert.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Haitham" in html  # their own record
    assert "هيثم بن سالم بن خميس" not in html  # the other association's record stays hidden
    client.logout()
    login_with_totp(client, reviewer)
    page = client.get(reverse("beneficiaries:ministry_duplicate", args=[alert.pk]))
    assert page.status_code == 200 and "Haitham" not in page.content.decode()


def test_decision_recorded_and_not_duplicate_never_raised_again(
    client, duplicate_pair, caseworker_a
):
    alert = DuplicateAlert.objects.get()
    login_with_totp(client, caseworker_a)
    url = reverse("beneficiaries:duplicate_detail", args=[alert.pk])
    client.post(url, {"same_person": "0", "note": "شخصان مختلفان بعد الاتصال"})
    alert.refresh_from_db()
    assert alert.status == "not_duplicate" and alert.decided_by == caseworker_a
    alert_count = DuplicateAlert.objects.count()
    call_command("detect_duplicates")
    assert DuplicateAlert.objects.count() == alert_count
    assert DuplicateAlert.objects.get().status == "not_duplicate"
    with pytest.raises(Exception):  # noqa: B017 - reviewing twice is refused
        services.duplicate_decide(alert=alert, actor=caseworker_a, same_person=True)


def test_batch_command_raises_alerts(org_a, org_b, caseworker_a, caseworker_b):
    with scopes_disabled():
        make_case(org_a, caseworker_a, full_name="موزة بنت حمد بن سالم الكندية", phone="", sex="f")
        services_kw = dict(full_name="موزه حمد الكندي", phone="", sex="f", civil_id="12345678")
        make_case(org_b, caseworker_b, **services_kw)
    DuplicateAlert.objects.all().delete()
    call_command("detect_duplicates")
    assert DuplicateAlert.objects.count() == 1
    state = MatcherState.objects.get()
    assert state.last_run_summary["alerts_raised"] == 1 and state.statistics["total"] == 2


def test_decisions_move_the_threshold(duplicate_pair, caseworker_a):
    a, _b = duplicate_pair
    base = MatcherState.objects.get().threshold
    DuplicateAlert.objects.all().delete()
    with scopes_disabled():
        pa = a.members.get()
        people = [
            make_case(
                a.organization,
                caseworker_a,
                full_name=f"سالم بن علي بن {n} المعمري",
                civil_id="",
                phone="",
            ).members.get()
            for n in ("سيف", "خالد", "حمد", "ناصر", "مبارك", "راشد")
        ]
    DuplicateAlert.objects.all().delete()
    # Reviewers keep rejecting pairs scored just above the threshold, confirm the high ones.
    scores = [base + 0.5, base + 1.0, base + 1.5, base + 2.0, base + 6.0, base + 7.0]
    for person, score in zip(people, scores, strict=True):
        alert = DuplicateAlert.objects.create(
            person_a=person,
            person_b=pa,
            case_a=person.case,
            case_b=a,
            organization_a=a.organization,
            organization_b=a.organization,
            score=score,
        )
        services.duplicate_decide(alert=alert, actor=caseworker_a, same_person=score > base + 5)
    assert MatcherState.objects.get().threshold > base + 2.0


def test_check_on_entry_is_fast(org_a, org_b, caseworker_a, caseworker_b):
    with scopes_disabled():
        for i in range(30):
            make_case(
                org_a,
                caseworker_a,
                full_name=f"محمد بن علي بن {i} البلوشي",
                civil_id="",
                phone=f"9{i:07d}",
            )
        case = make_case(org_b, caseworker_b, full_name="محمد علي البلوشي", civil_id="", phone="")
        person = case.members.get()
        wall, cpu = [], []
        for _ in range(5):  # the best of five: the shared machine is often busy
            start, start_cpu = time.perf_counter(), time.process_time()
            services.duplicates_check_person(person=person)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    # The target is 200 ms for one new case. Wall time on a machine shared by several test runs
    # is noise, so the hard bound is on this process's CPU time; wall time only guards against
    # something pathological (a scan of every person).
    assert min(cpu) < 0.2
    assert min(wall) < 2.0


def test_nightly_task_runs_detection(duplicate_pair):
    assert any(job.task is detect_duplicates for job in REGISTRY.values())
    DuplicateAlert.objects.all().delete()
    detect_duplicates.enqueue()  # the immediate backend in tests
    assert DuplicateAlert.objects.count() == 1


def test_queue_shows_one_row_per_pair_of_cases(client, duplicate_pair, caseworker_a, caseworker_b):
    a, b = duplicate_pair
    with scopes_disabled():
        for case, actor, name in (
            (a, caseworker_a, "مريم بنت هيثم بن سالم الهنائية"),
            (b, caseworker_b, "مريم هيثم الهنائي"),
        ):
            services.person_add(
                case=case, actor=actor, relation="daughter", full_name=name, sex="f",
                birth_year=2010,
            )  # fmt: skip
    assert DuplicateAlert.objects.count() == 2
    login_with_totp(client, caseworker_a)
    html = client.get(reverse("beneficiaries:duplicates")).content.decode()
    assert html.count(b.organization.name_ar) == 1
    assert "فردان متطابقان" in html


def test_frequency_tables_exist_before_the_first_nightly_run(duplicate_pair):
    stats = MatcherState.objects.get().statistics
    assert stats["total"] >= 1 and "هيثم" in stats["given"]
