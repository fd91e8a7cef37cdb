import pytest

from joud.core.audit import audit_log
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_audit_entry_records_action_actor_target_and_data():
    actor = UserFactory()
    org = OrganizationFactory()
    entry = audit_log(
        action="joud.organization.approved", actor=actor, target=org, data={"why": "ok"}
    )
    entry.refresh_from_db()
    assert entry.action == "joud.organization.approved"
    assert entry.actor == actor
    assert entry.organization == org
    assert entry.object_type == "organizations.organization"
    assert entry.object_id == str(org.pk)
    assert entry.data == {"why": "ok"}
    assert entry.created_at is not None


def test_audit_entries_are_append_only():
    entry = audit_log(action="joud.test.happened")
    entry.action = "joud.test.rewritten"
    with pytest.raises(ValueError):
        entry.save()


@pytest.mark.parametrize("bad", ["approved", "joud.approved", "campaign.approved"])
def test_action_names_are_dotted(bad):
    with pytest.raises(ValueError):
        audit_log(action=bad)


def test_the_ministry_can_read_the_audit_log(ministry_client):
    audit_log(action="joud.initiative.approved", data={"reason": "سليم"})
    response = ministry_client.get("/ministry/audit/?action=joud.initiative.")
    assert response.status_code == 200
    assert "سليم" in response.content.decode()


def test_a_donor_cannot_read_the_audit_log(client, donor):
    client.force_login(donor)
    assert client.get("/ministry/audit/").status_code == 403
