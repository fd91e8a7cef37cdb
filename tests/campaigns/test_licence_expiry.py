"""An expired licence stops new donations, as a suspension does, with a clear message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.donations import services as giving
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def _expired():
    return OrganizationFactory(licence_expires_on=timezone.localdate() - dt.timedelta(days=1))


def test_an_expired_licence_refuses_a_gift():
    item = InitiativeFactory(organization=_expired())
    assert not item.organization.is_licensed and not item.accepts_donations
    with scopes_disabled(), pytest.raises(BusinessError):
        giving.donation_create(
            organization=item.organization,
            target="initiative",
            initiative=item,
            amount=Decimal("5.000"),
        )
    with scopes_disabled(), pytest.raises(BusinessError):
        giving.donation_create(
            organization=item.organization, target="general", amount=Decimal("5.000")
        )


def test_a_licence_valid_today_still_takes_gifts():
    org = OrganizationFactory(licence_expires_on=timezone.localdate())
    item = InitiativeFactory(organization=org)
    assert org.is_licensed and item.accepts_donations


def test_the_giving_page_says_the_licence_expired(client):
    item = InitiativeFactory(organization=_expired())
    page = client.get(f"/give/{item.public_code}/")
    body = page.content.decode()
    assert 'name="custom_amount"' not in body
    assert "انتهى ترخيص" in body
    posted = client.post(f"/give/{item.public_code}/", {"custom_amount": "5"})
    assert posted.status_code == 409
    org_page = client.get(f"/organizations/{item.organization.slug}/").content.decode()
    assert "انتهى ترخيص" in org_page


def test_the_verify_page_says_the_licence_expired(client):
    item = InitiativeFactory(organization=_expired())
    body = client.get(f"/verify/{item.public_code}/").content.decode()
    assert 'data-status="licence_expired"' in body
    assert f"/complaints/report/initiative/{item.public_code}/" in body
