"""Unpublished initiatives and pending organizations are not found on any public URL.

The initiative page answers 404 for a draft, a submitted or a rejected initiative; the giving
page, the money page and the share links said its title, and the giving page of a pending
organization said its name.
"""

import pytest

from joud.campaigns.models import Initiative
from joud.organizations.models import Organization
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
State = Initiative.State
HIDDEN = [State.DRAFT, State.SUBMITTED, State.REJECTED]
URLS = [
    "/initiatives/{code}/",
    "/give/{code}/",
    "/ledger/initiative/{code}/",
    "/initiatives/{code}/share/whatsapp/",
    "/initiatives/{code}/share/x/",
]


@pytest.mark.parametrize("state", HIDDEN)
@pytest.mark.parametrize("url", URLS)
def test_unpublished_initiative_is_not_found(client, state, url):
    item = InitiativeFactory(state=state, title_ar="مبادرة سرية", title_en="Secret appeal")
    response = client.get(url.format(code=item.public_code))
    assert response.status_code == 404
    assert "Secret" not in response.content.decode() and "Secret" not in response.get(
        "Location", ""
    )


@pytest.mark.parametrize("url", URLS)
def test_live_initiative_is_found(client, url):
    item = InitiativeFactory(state=State.LIVE)
    assert client.get(url.format(code=item.public_code)).status_code in (200, 302)


@pytest.mark.parametrize(
    "status",
    [Organization.Status.PENDING, Organization.Status.DRAFT, Organization.Status.CHANGES_REQUESTED,
     Organization.Status.REJECTED],
)  # fmt: skip
@pytest.mark.parametrize("url", ["/give/org/{slug}/", "/give/org/{slug}/zakat/"])
def test_pending_organization_is_not_found(client, status, url):
    org = OrganizationFactory(status=status, name_ar="جمعية لم ترخص", name_en="Unlicensed Org")
    response = client.get(url.format(slug=org.slug))
    assert response.status_code == 404
    assert "Unlicensed" not in response.content.decode()


def test_licensed_organization_is_found(client):
    assert client.get(f"/give/org/{OrganizationFactory().slug}/").status_code == 200
