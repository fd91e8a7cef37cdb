"""The organization hears about the ministry's decisions (email through the messaging backend)."""

import pytest
from django.utils import translation

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


def test_the_organization_reads_the_decision_in_arabic_whoever_decides(reviewer):
    org = OrganizationFactory(
        status="pending", contact_email="ar@example.om", name_ar="جمعية الخير"
    )
    with translation.override("en"):  # the reviewer's English page must not leak into the email
        ministry.organization_approve(organization=org, reviewer=reviewer)
    message = OutboxMessage.objects.get(to="ar@example.om")
    assert message.subject == "جود: اعتُمد الترخيص"
    assert message.body.startswith("جمعية الخير")
    assert "ترخيص" in message.body
