"""The ministry console: queues, overdue answers and reports, suspensions, counters, filters."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from joud.campaigns.models import FinalReport, Initiative
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.ministry.models import Sanction
from joud.ministry.selectors import national_counters
from joud.organizations.models import Organization
from tests.factories import InitiativeFactory, OrganizationFactory, governorate

pytestmark = pytest.mark.django_db
State = Initiative.State


@pytest.fixture
def queue(db):
    today = timezone.localdate()
    pending_on_time = OrganizationFactory(
        status="pending", name_ar="جمعية في الموعد", answer_due_on=today + dt.timedelta(days=5)
    )
    pending_late = OrganizationFactory(
        status="pending",
        name_ar="جمعية متأخر الرد عليها",
        answer_due_on=today - dt.timedelta(days=2),
        governorate=governorate("ZU"),
    )
    late_answer = InitiativeFactory(
        state=State.SUBMITTED,
        title_ar="طلب تصريح متأخر",
        answer_due_on=today - dt.timedelta(days=1),
    )
    on_time = InitiativeFactory(
        state=State.SUBMITTED, title_ar="طلب تصريح جديد", answer_due_on=today + dt.timedelta(days=9)
    )
    late_report = InitiativeFactory(
        state=State.ENDED, title_ar="تقرير متأخر", report_due_on=today - dt.timedelta(days=3)
    )
    return locals()


def test_console_shows_queues_and_overdue_items(ministry_client, queue):
    body = ministry_client.get("/ministry/").content.decode()
    for text in ("جمعية في الموعد", "جمعية متأخر الرد عليها", "طلب تصريح متأخر", "طلب تصريح جديد"):
        assert text in body
    overdue_section = body.split('id="q-overdue"')[1].split("</section>")[0]
    assert "جمعية متأخر الرد عليها" in overdue_section and "طلب تصريح متأخر" in overdue_section
    assert "طلب تصريح جديد" not in overdue_section
    reports = body.split('id="q-reports"')[1].split("</section>")[0]
    assert "تقرير متأخر" in reports


def test_console_filters(ministry_client, queue):
    body = ministry_client.get("/ministry/?overdue=1").content.decode()
    queue_section = body.split('id="q-init"')[1].split("</section>")[0]
    assert "طلب تصريح متأخر" in queue_section and "طلب تصريح جديد" not in queue_section
    body = ministry_client.get("/ministry/?governorate=ZU").content.decode()
    org_section = body.split('id="q-org"')[1].split("</section>")[0]
    assert "جمعية متأخر الرد عليها" in org_section and "جمعية في الموعد" not in org_section


def test_reviewer_approves_an_organization_from_the_page(ministry_client, reviewer):
    org = OrganizationFactory(status="pending")
    response = ministry_client.post(f"/ministry/organizations/{org.slug}/approve/", {"reason": ""})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.status == Organization.Status.ACTIVE
    entry = AuditLogEntry.objects.get(action="joud.organization.approved")
    assert entry.actor == reviewer


def test_rejecting_without_a_reason_is_refused_clearly(ministry_client):
    org = OrganizationFactory(status="pending")
    url = f"/ministry/organizations/{org.slug}/"
    response = ministry_client.post(
        url + "reject/?lang=en", {"reason": ""}, HTTP_REFERER=f"http://testserver{url}"
    )
    assert response.status_code == 302  # back to the page, with the message
    org.refresh_from_db()
    assert org.status == Organization.Status.PENDING
    page = ministry_client.get(url).content.decode()
    assert "Give the reason" in page


def test_reviewer_asks_for_changes_on_an_initiative(ministry_client):
    item = InitiativeFactory(state=State.SUBMITTED)
    ministry_client.post(
        f"/ministry/initiatives/{item.public_code}/changes/", {"reason": "وضّحوا الفئة المستفيدة"}
    )
    item.refresh_from_db()
    assert item.state == State.DRAFT and item.state_reason == "وضّحوا الفئة المستفيدة"
    assert AuditLogEntry.objects.filter(action="joud.initiative.changes_requested").exists()


def test_suspension_from_the_console_stops_donations_and_is_listed(ministry_client, client):
    item = InitiativeFactory()
    org = item.organization
    ministry_client.post(f"/ministry/organizations/{org.slug}/suspend/", {"reason": "مخالفة جسيمة"})
    item.refresh_from_db()
    assert not item.accepts_donations
    assert Sanction.objects.filter(organization=org, kind="suspension").exists()
    body = ministry_client.get("/ministry/").content.decode()
    assert "مخالفة جسيمة" in body
    verify = client.get(f"/verify/{item.public_code}/").content.decode()
    assert 'data-status="suspended"' in verify


def test_close_after_report(ministry_client):
    item = InitiativeFactory(state=State.REPORTED)
    FinalReport.unscoped.create(
        organization=item.organization, initiative=item, narrative_ar="التقرير", submissions=1
    )
    ministry_client.post(f"/ministry/initiatives/{item.public_code}/close/", {})
    item.refresh_from_db()
    assert item.state == State.CLOSED


def test_unknown_decision_is_404(ministry_client):
    item = InitiativeFactory(state=State.SUBMITTED)
    assert (
        ministry_client.post(f"/ministry/initiatives/{item.public_code}/explode/").status_code
        == 404
    )


def test_counters(ministry_client, queue):

    with scopes_disabled(), translation.override("en"):
        counters = national_counters()
        by_state = {str(label): n for label, n in counters["initiatives_by_state"]}
    assert by_state["Submitted for approval"] == 2
    assert counters["live_count"] == 0
