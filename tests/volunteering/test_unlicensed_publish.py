"""A pending (unlicensed) organization publishes no volunteer opportunity."""

import pytest
from django.utils import translation

from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Organization
from joud.volunteering import services
from joud.volunteering.models import Opportunity
from tests.volunteering.factories import ShiftFactory

pytestmark = pytest.mark.django_db
Status = Organization.Status


def _pending_draft():
    shift = ShiftFactory(
        opportunity__status=Opportunity.Status.DRAFT,
        opportunity__organization__status=Status.PENDING,
    )
    return shift.opportunity


def test_service_refuses_to_publish_for_a_pending_organization(coordinator):
    opportunity = _pending_draft()
    with translation.override("ar"), pytest.raises(BusinessError) as refused:
        services.opportunity_set_status(
            opportunity=opportunity, status=Opportunity.Status.PUBLISHED, actor=coordinator
        )
    assert "ترخيص" in str(refused.value.message)
    with scopes_disabled():
        opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.DRAFT


def test_coordinator_of_a_pending_organization_cannot_publish(coordinator_client, org):
    Organization.objects.filter(pk=org.pk).update(status=Status.PENDING)
    shift = ShiftFactory(
        opportunity__organization=org, opportunity__status=Opportunity.Status.DRAFT
    )
    url = f"/volunteer/manage/{org.slug}/opportunities/{shift.opportunity.pk}/"
    coordinator_client.post(url, {"status": "published"})
    with scopes_disabled():
        shift.opportunity.refresh_from_db()
    assert shift.opportunity.status == Opportunity.Status.DRAFT


@pytest.mark.parametrize("status", [Status.PENDING, Status.DRAFT, Status.REJECTED])
def test_public_page_of_an_unlicensed_organizations_opportunity_is_not_found(client, status):
    shift = ShiftFactory(opportunity__organization__status=status)
    assert client.get(f"/volunteer/o/{shift.opportunity.pk}/").status_code == 404


def test_public_page_of_a_licensed_organizations_opportunity_is_found(client):
    shift = ShiftFactory()
    assert client.get(f"/volunteer/o/{shift.opportunity.pk}/").status_code == 200


def test_licensed_organization_still_publishes(coordinator):
    opportunity = ShiftFactory(opportunity__status=Opportunity.Status.DRAFT).opportunity
    published = services.opportunity_set_status(
        opportunity=opportunity, status=Opportunity.Status.PUBLISHED, actor=coordinator
    )
    assert published.status == Opportunity.Status.PUBLISHED
