"""“Report this appeal”: filed by anyone without signing in, rate-limited on the shared cache,
decided by the ministry (dismissed, warning, suspension), counted publicly per organization."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings

from joud.complaints import selectors, services
from joud.complaints.models import Complaint
from joud.core.errors import BusinessError
from joud.ministry.complaints import complaint_decide
from joud.ministry.models import Sanction
from joud.organizations.models import Organization
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

FORM = {"reason": "misleading", "details": "الصور مأخوذة من حملة أخرى في بلد آخر.", "contact": ""}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _file(organization, initiative=None, **kw):
    values = {"reason": "misuse", "details": "لم تصل السلال إلى الأسر كما وعدوا."}
    values.update(kw)
    return services.complaint_file(organization=organization, initiative=initiative, **values)


def test_anyone_reports_an_appeal_without_signing_in(client):
    item = InitiativeFactory()
    url = f"/complaints/report/initiative/{item.public_code}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**FORM, "contact": "99887766"})
    assert response.status_code == 302 and response["Location"] == item.get_absolute_url()
    complaint = Complaint.objects.get()
    assert complaint.initiative == item and complaint.organization == item.organization
    assert complaint.contact == "99887766" and complaint.outcome == Complaint.Outcome.OPEN
    # The ministry answers within the configured working days.
    assert complaint.answer_due_on > dt.date.today()


def test_report_links_on_the_initiative_organization_and_verify_pages(client):
    item = InitiativeFactory()
    link = f"/complaints/report/initiative/{item.public_code}/"
    assert link in client.get(item.get_absolute_url()).content.decode()
    assert link in client.get(f"/verify/{item.public_code}/").content.decode()
    org_page = client.get(f"/organizations/{item.organization.slug}/").content.decode()
    assert f"/complaints/report/organization/{item.organization.slug}/" in org_page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"reason": "nonsense", "details": "x" * 30},
        {"reason": "misleading", "details": "قصير"},
        {"reason": "misleading", "details": "x" * 5000},
        {"reason": ["misleading", "other"], "details": "\x00" * 40},
    ],
)
def test_bad_input_is_a_form_error_never_a_500(client, data):
    item = InitiativeFactory()
    response = client.post(f"/complaints/report/initiative/{item.public_code}/", data)
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_unknown_or_unpublished_targets_are_not_found(client):
    draft = InitiativeFactory(state="draft")
    assert client.get(f"/complaints/report/initiative/{draft.public_code}/").status_code == 404
    assert client.get("/complaints/report/initiative/NOPE99/").status_code == 404
    assert client.get("/complaints/report/planet/earth/").status_code == 404
    pending = OrganizationFactory(status="pending")
    assert client.get(f"/complaints/report/organization/{pending.slug}/").status_code == 404


@override_settings(JOUD_COMPLAINTS_PER_HOUR=3)
def test_complaints_are_rate_limited_per_address(client):
    item = InitiativeFactory()
    url = f"/complaints/report/initiative/{item.public_code}/"
    for _ in range(3):
        assert client.post(url, FORM).status_code == 302
    refused = client.post(url, FORM)
    assert refused.status_code == 429
    assert Complaint.objects.count() == 3
    # Another address is not concerned.
    assert client.post(url, FORM, REMOTE_ADDR="10.1.2.3").status_code == 302
    # Bad posts are not counted against the allowance.
    cache.clear()
    for _ in range(5):
        client.post(url, {"reason": "misleading"})
    assert client.post(url, FORM).status_code == 302


def test_ministry_outcomes_change_the_public_counts(client, reviewer):
    org = OrganizationFactory(contact_email="board@example.om")
    item = InitiativeFactory(organization=org)
    first, second, third = _file(org, item), _file(org), _file(org, item, reason="privacy")
    assert selectors.counts_for(org) == selectors.ComplaintCounts(received=3, upheld=0)

    complaint_decide(complaint=first, reviewer=reviewer, outcome="dismissed", reason="لا أساس")
    assert selectors.counts_for(org).upheld == 0
    complaint_decide(complaint=second, reviewer=reviewer, outcome="warning", reason="صور مضللة")
    org.refresh_from_db()
    assert org.warning_count == 1
    assert selectors.counts_for(org) == selectors.ComplaintCounts(received=3, upheld=1)
    page = client.get(f"/organizations/{org.slug}/").content.decode()
    assert 'data-complaints-upheld="1"' in page

    complaint_decide(complaint=third, reviewer=reviewer, outcome="suspension", reason="خصوصية")
    org.refresh_from_db()
    assert org.status == Organization.Status.SUSPENDED  # through the ministry's own service
    assert Sanction.objects.filter(organization=org, kind="suspension").exists()
    assert selectors.counts_for(org) == selectors.ComplaintCounts(received=3, upheld=2)
    with pytest.raises(BusinessError):  # decided once
        complaint_decide(complaint=third, reviewer=reviewer, outcome="dismissed", reason="x")


def test_only_a_reviewer_decides_and_a_reason_is_needed(reviewer, org_admin, organization):
    complaint = _file(organization)
    with pytest.raises(BusinessError):
        complaint_decide(complaint=complaint, reviewer=org_admin, outcome="dismissed", reason="x")
    with pytest.raises(BusinessError):
        complaint_decide(complaint=complaint, reviewer=reviewer, outcome="warning", reason="")
    complaint.refresh_from_db()
    assert complaint.is_open


def test_the_ministry_queue_shows_the_clock_and_decides(ministry_client):
    org = OrganizationFactory()
    complaint = _file(org)
    queue = ministry_client.get("/ministry/complaints/").content.decode()
    assert complaint.reference in queue
    page = ministry_client.get(f"/ministry/complaints/{complaint.reference}/")
    assert page.status_code == 200
    response = ministry_client.post(
        f"/ministry/complaints/{complaint.reference}/decide/",
        {"outcome": "warning", "reason": "ثبتت المخالفة"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.outcome == Complaint.Outcome.WARNING and complaint.upheld
    # A post without an outcome or a reason changes nothing and is not a 500.
    other = _file(org)
    ministry_client.post(f"/ministry/complaints/{other.reference}/decide/", {"reason": "x"})
    ministry_client.post(f"/ministry/complaints/{other.reference}/decide/", {"outcome": "warning"})
    other.refresh_from_db()
    assert other.is_open
