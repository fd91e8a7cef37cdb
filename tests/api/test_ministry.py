"""Ministry endpoints with ministry tokens: issued by an officer only, each kind of token opens
only its own addresses, the queues, and decisions through the console's own services (the
same audit entries, sanctions and notices), once per Idempotency-Key."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from joud.api.models import MinistryToken
from joud.api.services import ministry_token_create, ministry_token_revoke
from joud.campaigns.models import Initiative
from joud.complaints import services as complaint_services
from joud.complaints.models import Complaint
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.ministry.models import Sanction
from joud.organizations.models import Organization
from tests.api.conftest import bearer, make_ministry_token, make_token
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

READS = [
    "/api/v1/ministry/me",
    "/api/v1/ministry/licences",
    "/api/v1/ministry/initiatives",
    "/api/v1/ministry/complaints",
]


def post(client, url, body, raw, key="k-1"):
    return client.post(
        url,
        json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **bearer(raw),
    )


@pytest.fixture
def officer(db):
    return UserFactory(is_ministry_reviewer=True, full_name="مراجع الوزارة")


@pytest.fixture
def pending(db):
    today = timezone.localdate()
    return OrganizationFactory(
        status="pending", slug="waiting-assoc", answer_due_on=today - dt.timedelta(days=1)
    )


@pytest.fixture
def submitted(db):
    return InitiativeFactory(state=Initiative.State.SUBMITTED, title_ar="سلال رمضان")


@pytest.fixture
def complaint(db):
    org = OrganizationFactory(slug="complained-of")
    return complaint_services.complaint_file(
        organization=org,
        initiative=None,
        reason="misuse",
        details="لم تصل السلال.",
        contact="99887766",
    )


def test_only_a_ministry_officer_issues_a_ministry_token_and_only_its_hash_is_kept(officer):
    token, raw = ministry_token_create(
        officer=officer, name="نظام الوزارة", scopes=["licences:read"], days=10
    )
    assert raw.startswith("joudmin_") and raw not in token.digest
    assert MinistryToken.objects.get().digest == token.digest
    assert AuditLogEntry.objects.filter(action="joud.ministry_token.created").exists()
    org_admin = UserFactory()
    with pytest.raises(BusinessError):
        ministry_token_create(officer=org_admin, name="x", scopes=["licences:read"], days=10)
    with pytest.raises(BusinessError):  # an organization's scope is not a ministry scope
        ministry_token_create(officer=officer, name="x", scopes=["donations:read"], days=10)


@pytest.mark.parametrize("url", READS)
def test_every_ministry_address_refuses_an_organization_token(client, url):
    raw = make_token(OrganizationFactory())
    response = client.get(url, **bearer(raw))
    assert response.status_code == 403
    assert response.json()["code"] == "token_wrong_kind"
    assert response.json()["message_ar"] and response.json()["message_en"]


@pytest.mark.parametrize("url", READS)
def test_every_ministry_address_needs_a_token(client, url):
    assert client.get(url).status_code == 403
    assert client.get(url, **bearer("joudmin_nothing_here")).json()["code"] == "token_invalid"


@pytest.mark.parametrize(
    "url", ["/api/v1/org/me", "/api/v1/org/donations", "/api/v1/org/exports/donations.csv"]
)
def test_an_organization_address_refuses_a_ministry_token(client, url):
    response = client.get(url, **bearer(make_ministry_token()))
    assert response.status_code == 403 and response.json()["code"] == "token_wrong_kind"


def test_a_ministry_token_writes_nothing_for_an_organization(client):
    response = post(
        client,
        "/api/v1/org/webhooks",
        {"url": "https://x.example/h", "events": []},
        make_ministry_token(),
    )
    assert response.status_code == 403


def test_me_names_the_officer_and_the_scopes(client, officer):
    raw = make_ministry_token(officer, scopes=["complaints:read"])
    body = client.get("/api/v1/ministry/me", **bearer(raw)).json()
    assert body["officer"] == "مراجع الوزارة" and body["scopes"] == ["complaints:read"]
    assert MinistryToken.objects.get().last_used_at is not None


def test_a_revoked_or_expired_token_or_a_former_reviewer_opens_nothing(client, officer):
    raw = make_ministry_token(officer)
    token = MinistryToken.objects.get()
    assert client.get("/api/v1/ministry/me", **bearer(raw)).status_code == 200
    officer.is_ministry_reviewer = False
    officer.save()
    assert client.get("/api/v1/ministry/me", **bearer(raw)).status_code == 403
    officer.is_ministry_reviewer = True
    officer.save()
    MinistryToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert client.get("/api/v1/ministry/me", **bearer(raw)).status_code == 403
    MinistryToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + dt.timedelta(days=1)
    )
    other_reviewer = UserFactory(is_ministry_reviewer=True)
    ministry_token_revoke(token=token, officer=other_reviewer)
    assert client.get("/api/v1/ministry/me", **bearer(raw)).status_code == 403


@pytest.mark.parametrize(
    ("url", "area"),
    [
        ("/api/v1/ministry/licences", "licences"),
        ("/api/v1/ministry/initiatives", "initiatives"),
        ("/api/v1/ministry/complaints", "complaints"),
    ],
)
def test_each_queue_needs_its_scope(client, url, area):
    others = [a for a in ("licences", "initiatives", "complaints") if a != area]
    raw = make_ministry_token(scopes=[f"{a}:write" for a in others])
    response = client.get(url, **bearer(raw))
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"
    assert (
        client.get(url, **bearer(make_ministry_token(scopes=[f"{area}:read"]))).status_code == 200
    )


def test_the_queues_list_what_waits(client, pending, submitted, complaint):
    OrganizationFactory(status="active", slug="already-licensed")
    raw = make_ministry_token()
    licences = client.get("/api/v1/ministry/licences", **bearer(raw)).json()["items"]
    assert [o["slug"] for o in licences] == ["waiting-assoc"] and licences[0]["overdue"] is True
    initiatives = client.get("/api/v1/ministry/initiatives", **bearer(raw)).json()["items"]
    assert [i["code"] for i in initiatives] == [submitted.public_code]
    assert initiatives[0]["title_ar"] == "سلال رمضان"
    complaints = client.get("/api/v1/ministry/complaints", **bearer(raw)).json()["items"]
    assert [c["reference"] for c in complaints] == [complaint.reference]
    assert "contact" not in complaints[0] and "99887766" not in json.dumps(complaints)


def test_a_licence_decision_goes_through_the_ministrys_service(client, officer, pending):
    raw = make_ministry_token(officer)
    url = f"/api/v1/ministry/licences/{pending.slug}/decision"
    response = post(client, url, {"decision": "approve", "reason": ""}, raw)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "active"
    pending.refresh_from_db()
    assert pending.status == Organization.Status.ACTIVE and pending.licence_expires_on
    entry = AuditLogEntry.objects.get(action="joud.organization.approved")
    assert entry.actor == officer
    assert AuditLogEntry.objects.get(action="joud.ministry_token.decided").data["decision"] == (
        "approve"
    )


def test_a_rejection_needs_a_reason_in_both_languages(client, pending):
    raw = make_ministry_token()
    url = f"/api/v1/ministry/licences/{pending.slug}/decision"
    response = post(client, url, {"decision": "reject", "reason": ""}, raw)
    assert response.status_code == 400
    assert response.json()["message_ar"] != response.json()["message_en"]
    pending.refresh_from_db()
    assert pending.status == Organization.Status.PENDING


def test_the_same_key_twice_decides_once(client, submitted):
    raw = make_ministry_token()
    url = f"/api/v1/ministry/initiatives/{submitted.public_code}/decision"
    body = {"decision": "changes", "reason": "وضّحوا الفئة المستفيدة"}
    first = post(client, url, body, raw, key="same")
    again = post(client, url, body, raw, key="same")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json() and first.json()["state"] == "draft"
    assert AuditLogEntry.objects.filter(action="joud.initiative.changes_requested").count() == 1
    other = post(client, url, {"decision": "reject", "reason": "لا"}, raw, key="same")
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    missing = client.post(url, json.dumps(body), content_type="application/json", **bearer(raw))
    assert missing.status_code == 400 and missing.json()["code"] == "idempotency_key_required"


def test_an_initiative_approval_and_an_unknown_one(client, officer, submitted):
    raw = make_ministry_token(officer)
    url = f"/api/v1/ministry/initiatives/{submitted.public_code}/decision"
    response = post(client, url, {"decision": "approve", "reason": "مستوفٍ"}, raw)
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.state in (Initiative.State.APPROVED, Initiative.State.LIVE)
    assert AuditLogEntry.objects.get(action="joud.initiative.approved").actor == officer
    missing = post(
        client,
        "/api/v1/ministry/initiatives/NOPE123/decision",
        {"decision": "approve"},
        raw,
        key="k-2",
    )
    assert missing.status_code == 404


def test_a_read_scope_does_not_decide(client, pending):
    raw = make_ministry_token(scopes=["licences:read"])
    url = f"/api/v1/ministry/licences/{pending.slug}/decision"
    response = post(client, url, {"decision": "approve"}, raw)
    assert response.status_code == 403 and response.json()["code"] == "scope_missing"


def test_a_complaint_upheld_with_a_warning_takes_the_penalty_ladder(client, officer, complaint):
    raw = make_ministry_token(officer)
    url = f"/api/v1/ministry/complaints/{complaint.reference}/decision"
    response = post(client, url, {"outcome": "warning", "reason": "ثبت سوء الاستخدام"}, raw)
    assert response.status_code == 200 and response.json()["outcome"] == "warning"
    complaint.refresh_from_db()
    assert complaint.outcome == Complaint.Outcome.WARNING and complaint.decided_by == officer
    with scopes_disabled():
        assert Sanction.objects.get().kind == Sanction.Kind.WARNING
    again = post(client, url, {"outcome": "dismissed", "reason": "x"}, raw, key="k-2")
    assert again.status_code == 400  # already decided: the service says so
    no_reason = post(client, url, {"outcome": "dismissed", "reason": ""}, raw, key="k-3")
    assert no_reason.status_code == 400


def test_the_ministry_screen_issues_a_token_once_and_revokes_it(ministry_client, reviewer):
    response = ministry_client.post(
        "/ministry/api/?lang=ar",
        {"name": "نظام الوزارة", "scopes": ["licences:read", "complaints:write"], "days": "30"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    token = MinistryToken.objects.get()
    raw = page.split('id="new-token">')[1].split("<")[0]
    assert raw.startswith(f"joudmin_{token.prefix}_") and token.created_by == reviewer
    assert '<html lang="ar" dir="rtl"' in page
    again = ministry_client.get("/ministry/api/").content.decode()
    assert raw not in again and f"joudmin_{token.prefix}_…" in again  # shown once
    assert "/ministry/api/" in ministry_client.get("/ministry/").content.decode()
    ministry_client.post(f"/ministry/api/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_organization_cannot_reach_the_ministry_token_screen(client):
    from tests.factories import MembershipFactory
    from tests.fixtures.signin import login_with_totp

    admin = MembershipFactory(organization=OrganizationFactory(), role="admin").user
    login_with_totp(client, admin)
    assert client.get("/ministry/api/").status_code == 403
    response = client.post(
        "/ministry/api/", {"name": "x", "scopes": ["licences:write"], "days": "30"}
    )
    assert response.status_code == 403 and not MinistryToken.objects.exists()


def test_a_bad_token_form_is_refused_with_a_message(ministry_client):
    response = ministry_client.post(
        "/ministry/api/", {"name": "x", "scopes": ["donations:read"], "days": "999"}
    )
    assert response.status_code == 400 and not MinistryToken.objects.exists()


def test_a_token_whose_officer_is_gone_opens_nothing(client):
    officer = UserFactory(is_ministry_reviewer=True)
    raw = make_ministry_token(officer)
    officer.delete()  # an erasure, say: the token stays on record, acting for nobody
    assert MinistryToken.objects.get().created_by is None
    assert client.get("/api/v1/ministry/me", **bearer(raw)).json()["code"] == "token_invalid"


@pytest.mark.parametrize("reason", ["a\x00b", "bell\x07", "\x1b[31m"])
def test_a_reason_with_a_nul_byte_or_a_control_character_is_a_400_not_a_500(
    client, pending, complaint, reason
):
    raw = make_ministry_token()
    licence = post(
        client,
        f"/api/v1/ministry/licences/{pending.slug}/decision",
        {"decision": "reject", "reason": reason},
        raw,
    )
    assert licence.status_code == 400 and licence.json()["code"] == "invalid"
    upheld = post(
        client,
        f"/api/v1/ministry/complaints/{complaint.reference}/decision",
        {"outcome": "warning", "reason": reason},
        raw,
        key="k-2",
    )
    assert upheld.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Organization.Status.PENDING


def _operations(prefix: str) -> list[tuple[str, str]]:
    """Every operation of the API under ``prefix``, its path parameters filled in."""
    from joud.api.api import api

    found = []
    for path, methods in api.get_openapi_schema(path_prefix="/api/v1")["paths"].items():
        if path.startswith(f"/api/v1/{prefix}/"):
            filled = re.sub(r"\{[^}]+\}", "1", path)
            found += [(method.upper(), filled) for method in methods]
    return found


@pytest.mark.parametrize(("prefix", "kind"), [("ministry", "organization"), ("org", "ministry")])
def test_every_operation_refuses_the_other_kind_of_token(client, prefix, kind):
    raw = make_token(OrganizationFactory()) if kind == "organization" else make_ministry_token()
    operations = _operations(prefix)
    assert len(operations) >= (7 if prefix == "ministry" else 10)
    for method, path in operations:
        response = client.generic(
            method,
            path,
            "{}",
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="k",
            **bearer(raw),
        )
        assert response.status_code == 403, (method, path)
        assert response.json()["code"] == "token_wrong_kind", (method, path)
