"""The audit trail's organization filter: a number no id can have matches nothing, no 500."""

from __future__ import annotations

import pytest

from joud.core.audit import audit_log
from joud.ministry.selectors import audit_entries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "organization", ["99999999999999999999999", "9223372036854775808", "²", "1e3", "-1"]
)
def test_an_organization_no_id_can_have_gets_an_empty_trail(ministry_client, organization):
    response = ministry_client.get("/ministry/audit/", {"organization": organization})
    assert response.status_code == 200
    assert not audit_entries(organization=organization).exists()


def test_the_filter_still_finds_an_organizations_entries(organization, reviewer):
    audit_log(action="joud.test.checked", actor=reviewer, organization=organization)
    assert audit_entries(organization=str(organization.pk)).count() == 1
    assert audit_entries(organization=str(organization.pk + 1)).count() == 0


@pytest.mark.parametrize("pk", ["0", "99999999999999999999999", "9223372036854775808"])
def test_a_document_id_no_row_can_have_is_not_found(ministry_client, pk):
    assert ministry_client.get(f"/ministry/documents/{pk}/").status_code == 404
