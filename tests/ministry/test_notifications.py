"""The organization hears about the ministry's decisions (email through the messaging backend)."""

import pytest

from joud.core.models import OutboxMessage
from joud.ministry import services as ministry
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_decisions_are_emailed_to_the_organization(reviewer):
    org = OrganizationFactory(status="pending", contact_email="board@khair.example.om")
    ministry.organization_request_changes(
        organization=org, reviewer=reviewer, reason="أرفقوا الشهادة"
    )
    message = OutboxMessage.objects.get(to="board@khair.example.om")
    assert "أرفقوا الشهادة" in message.body
    item = InitiativeFactory(state="submitted", organization=OrganizationFactory(
        contact_email="team@example.om"))  # fmt: skip
    ministry.initiative_reject(initiative=item, reviewer=reviewer, reason="الهدف غير واضح")
    assert OutboxMessage.objects.filter(
        to="team@example.om", body__contains="الهدف غير واضح"
    ).exists()


def test_a_refused_decision_sends_nothing(reviewer):
    org = OrganizationFactory(status="pending", contact_email="x@example.om")
    with pytest.raises(Exception):  # noqa: B017
        ministry.organization_reject(organization=org, reviewer=reviewer, reason="")
    assert not OutboxMessage.objects.filter(to="x@example.om").exists()
