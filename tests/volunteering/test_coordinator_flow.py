"""A coordinator creates an opportunity, adds a shift, publishes it; bad input is re-shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.core.models import AuditLogEntry
from joud.core.tenancy import organization_scope
from joud.geo.models import Wilayat
from joud.volunteering.models import Opportunity

pytestmark = pytest.mark.django_db


def test_create_add_shift_publish(coordinator_client, org):
    today = timezone.localdate()
    base = f"/volunteer/manage/{org.slug}"
    data = {
        "title_ar": "تشجير حديقة الحي",
        "title_en": "Planting trees in the park",
        "description_ar": "نزرع الأشجار ونسقيها مع أهالي الحي.",
        "skills": ["environment"],
        "wilayat": Wilayat.objects.get(name_ar="السيب").pk,
        "place_ar": "حديقة الموالح",
        "starts_on": (today + dt.timedelta(days=10)).isoformat(),
        "ends_on": (today + dt.timedelta(days=5)).isoformat(),
        "min_age": 12,
    }
    response = coordinator_client.post(f"{base}/opportunities/new/", data)
    assert response.status_code == 200  # the last day before the first: re-shown, data kept
    body = response.content.decode()
    assert "لا يمكن أن يسبق اليومُ الأخير اليومَ الأول" in body and "حديقة الموالح" in body

    data["ends_on"] = (today + dt.timedelta(days=20)).isoformat()
    response = coordinator_client.post(f"{base}/opportunities/new/", data)
    assert response.status_code == 302
    with organization_scope(org):
        opportunity = Opportunity.objects.get(title_ar="تشجير حديقة الحي")
    assert opportunity.status == "draft" and opportunity.skills == ["environment"]
    page = f"{base}/opportunities/{opportunity.pk}/"

    coordinator_client.post(page, {"status": "published"})  # no shift yet: refused
    opportunity.refresh_from_db()
    assert opportunity.status == "draft"

    start = (today + dt.timedelta(days=12)).isoformat()
    response = coordinator_client.post(
        page,
        {
            "add_shift": "1",
            "starts_at": f"{start}T08:00",
            "ends_at": f"{start}T07:00",
            "capacity": 5,
        },
    )
    assert (
        response.status_code == 200
        and "يجب أن تنتهي المناوبة بعد بدايتها" in response.content.decode()
    )
    response = coordinator_client.post(
        page,
        {
            "add_shift": "1",
            "starts_at": f"{start}T08:00",
            "ends_at": f"{start}T11:00",
            "capacity": 5,
        },
    )
    assert response.status_code == 302
    coordinator_client.post(page, {"status": "published"})
    opportunity.refresh_from_db()
    assert opportunity.status == "published"
    with organization_scope(org):
        assert opportunity.shifts.get().capacity == 5
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {
        "joud.volunteering.opportunity_created",
        "joud.volunteering.shift_created",
        "joud.volunteering.opportunity_status",
    } <= actions
    assert client_sees_it(coordinator_client, opportunity)


def client_sees_it(client, opportunity) -> bool:
    return opportunity.title_ar in client.get("/volunteer/").content.decode()
