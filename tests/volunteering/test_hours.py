"""Hours: approved by the coordinator; disputed by the volunteer; resolved by the coordinator."""

from __future__ import annotations

import datetime as dt

import pytest

from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.volunteering import services
from tests.volunteering.factories import ApplicationFactory, ShiftFactory, volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(org):
    shift = ShiftFactory(opportunity__organization=org)
    application = ApplicationFactory(shift=shift)
    services.attendance_record(
        application=application, site_shift=shift, action="in", actor=None, at=shift.starts_at
    )
    return services.attendance_record(
        application=application,
        site_shift=shift,
        action="out",
        actor=None,
        at=shift.starts_at + dt.timedelta(hours=3),
    )


def test_coordinator_approves_recorded_hours(served, coordinator):
    approved = services.hours_approve(application=served, actor=coordinator)
    assert approved.hours_status == "approved"
    assert approved.approved_minutes == 180
    assert AuditLogEntry.objects.filter(action="joud.volunteering.hours_approved").exists()
    with pytest.raises(BusinessError):
        services.hours_approve(application=served, actor=coordinator)


def test_coordinator_may_adjust_or_record_missing_checkout(org, coordinator):
    application = ApplicationFactory(shift=ShiftFactory(opportunity__organization=org))
    with pytest.raises(BusinessError):
        services.hours_approve(application=application, actor=coordinator)
    approved = services.hours_approve(application=application, actor=coordinator, minutes=90)
    assert approved.approved_minutes == 90


def test_only_the_organizations_coordinators_approve(served):
    with pytest.raises(PermissionDeniedError):
        services.hours_approve(application=served, actor=volunteer())
    with pytest.raises(PermissionDeniedError):
        services.hours_approve(application=served, actor=served.volunteer)


def test_dispute_and_resolution(served, coordinator, django_capture_on_commit_callbacks):
    services.hours_approve(application=served, actor=coordinator, minutes=120)
    with pytest.raises(BusinessError, match="١٠ أحرف"):
        services.hours_dispute(
            application=served, volunteer=served.volunteer, reason="خطأ", claimed_minutes=180
        )
    with pytest.raises(PermissionDeniedError):
        services.hours_dispute(
            application=served,
            volunteer=volunteer(),
            reason="بقيت حتى نهاية التوزيع كاملاً",
            claimed_minutes=180,
        )
    dispute = services.hours_dispute(
        application=served,
        volunteer=served.volunteer,
        reason="بقيت حتى نهاية التوزيع كاملاً",
        claimed_minutes=180,
    )
    with scopes_disabled():
        served.refresh_from_db()
    assert served.hours_status == "disputed"
    with pytest.raises(BusinessError):
        services.hours_dispute(
            application=served,
            volunteer=served.volunteer,
            reason="مرة أخرى لو سمحتم",
            claimed_minutes=200,
        )
    with pytest.raises(BusinessError):  # disputed hours are resolved, not re-approved
        services.hours_approve(application=served, actor=coordinator, minutes=100)
    with django_capture_on_commit_callbacks(execute=True):
        resolved = services.dispute_resolve(
            dispute=dispute, actor=coordinator, minutes=170, resolution="راجعنا السجل: صحيح تقريباً"
        )
    assert resolved.status == "resolved"
    with scopes_disabled():
        served.refresh_from_db()
    assert served.hours_status == "approved" and served.approved_minutes == 170
    assert OutboxMessage.objects.filter(to=served.volunteer.phone).exists()
    with pytest.raises(BusinessError):
        services.dispute_resolve(dispute=dispute, actor=coordinator, minutes=1, resolution="x")


def test_dispute_pages(served, coordinator_client, client, org):
    client2 = type(client)()
    client2.force_login(served.volunteer)
    response = client2.post(
        f"/volunteer/signups/{served.pk}/dispute/",
        {"claimed_minutes": 200, "reason": "قصير"},
    )
    assert response.status_code == 200  # re-shown with the message, data kept
    body = response.content.decode()
    assert "قصير" in body
    response = client2.post(
        f"/volunteer/signups/{served.pk}/dispute/",
        {"claimed_minutes": 200, "reason": "بقيت ساعة إضافية لترتيب المخزن"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        dispute = served.disputes.get()
    page = coordinator_client.get(f"/volunteer/manage/{org.slug}/disputes/{dispute.pk}/")
    assert page.status_code == 200 and "ترتيب المخزن" in page.content.decode()
    response = coordinator_client.post(
        f"/volunteer/manage/{org.slug}/disputes/{dispute.pk}/",
        {"minutes": 200, "resolution": "تم التأكد"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        served.refresh_from_db()
    assert served.approved_minutes == 200
