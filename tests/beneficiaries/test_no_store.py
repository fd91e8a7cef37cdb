"""Case pages and every export are never kept by a browser or a proxy cache."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import InitiativeFactory
from tests.volunteering.factories import ShiftFactory

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_case_pages_and_the_case_export_are_not_stored(client_a, case_a):
    for name in ("case_detail", "export"):
        response = client_a.get(reverse(f"beneficiaries:{name}", args=[case_a.reference]))
        assert response.status_code == 200 and _no_store(response), name
    assert _no_store(client_a.get(reverse("beneficiaries:case_list")))
    export = client_a.post(
        reverse("beneficiaries:export", args=[case_a.reference]), {"reason": "طلب الأسرة نسخة"}
    )
    assert export["Content-Disposition"].startswith("attachment") and _no_store(export)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_initiatives_export_is_not_stored(org_client, organization, fmt):
    InitiativeFactory(organization=organization)
    response = org_client.get(f"/org/export.{fmt}")
    assert response.status_code == 200 and _no_store(response)


def test_the_volunteer_roster_is_not_stored(coordinator_client, org):
    shift = ShiftFactory(opportunity__organization=org)
    response = coordinator_client.get(f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/roster.csv")
    assert response.status_code == 200 and _no_store(response)
