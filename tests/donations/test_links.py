"""Links into giving and the money page from the organization profile and the initiative page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joud.organizations.models import Organization
from tests.factories import InitiativeFactory, OrganizationFactory
from tests.fixtures.environment import ensure_geo


@pytest.mark.django_db
def test_profile_links_to_giving_and_zakat_for_associations(client):
    ensure_geo()
    association = OrganizationFactory(kind=Organization.Kind.ASSOCIATION)
    team = OrganizationFactory(kind=Organization.Kind.TEAM)
    html = client.get(reverse("campaigns:organization", args=[association.slug])).content.decode()
    assert f'href="{reverse("donations:give_general", args=[association.slug])}"' in html
    assert f'href="{reverse("donations:give_zakat", args=[association.slug])}"' in html
    assert "تبرّع للجهة" in html and "أدِّ الزكاة" in html
    html = client.get(reverse("campaigns:organization", args=[team.slug])).content.decode()
    assert f'href="{reverse("donations:give_general", args=[team.slug])}"' in html
    assert reverse("donations:give_zakat", args=[team.slug]) not in html


@pytest.mark.django_db
def test_initiative_page_links_to_where_the_money_went(client):
    ensure_geo()
    initiative = InitiativeFactory()
    code = initiative.public_code
    html = client.get(reverse("campaigns:detail", args=[code])).content.decode()
    assert f'href="{reverse("finance:initiative_money", kwargs={"code": code})}"' in html
    assert "أين ذهبت الأموال" in html
