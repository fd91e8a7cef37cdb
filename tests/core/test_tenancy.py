"""One organization can never reach another's data through the scoped managers."""

import pytest

from joud.campaigns.models import Initiative
from joud.core.tenancy import ScopeError, organization_scope, scopes_disabled
from tests.factories import InitiativeFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.fixtures.signin import login_with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_orgs():
    a, b = OrganizationFactory(), OrganizationFactory()
    ia = InitiativeFactory(organization=a, title_ar="مبادرة أ")
    ib = InitiativeFactory(organization=b, title_ar="مبادرة ب")
    return a, b, ia, ib


def test_reading_without_a_scope_is_refused(two_orgs):
    with pytest.raises(ScopeError):
        list(Initiative.objects.all())


def test_a_scope_sees_only_its_own_rows(two_orgs):
    a, b, ia, ib = two_orgs
    with organization_scope(a):
        assert list(Initiative.objects.all()) == [ia]
        assert not Initiative.objects.filter(pk=ib.pk).exists()
        with pytest.raises(Initiative.DoesNotExist):
            Initiative.objects.get(pk=ib.pk)
        # Reverse managers go through the scoped manager too.
        assert list(b.initiatives.all()) == []


def test_scopes_nest_and_restore(two_orgs):
    a, b, ia, ib = two_orgs
    with organization_scope(a):
        with organization_scope(b):
            assert list(Initiative.objects.all()) == [ib]
        assert list(Initiative.objects.all()) == [ia]
    with scopes_disabled():
        assert Initiative.objects.count() == 2


def test_org_dashboard_shows_only_the_members_organization(client, two_orgs):
    a, b, ia, ib = two_orgs
    user = MembershipFactory(organization=a).user
    login_with_totp(client, user)
    response = client.get("/org/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "مبادرة أ" in body
    assert "مبادرة ب" not in body


def test_a_non_member_cannot_open_an_organization_dashboard(client, two_orgs):
    login_with_totp(client, UserFactory())
    assert client.get("/org/").status_code == 403


def test_writing_another_organizations_row_inside_a_scope_is_refused(two_orgs):
    a, b, ia, ib = two_orgs
    with organization_scope(a), pytest.raises(ScopeError):
        Initiative.objects.create(organization=b, title_ar="تسلل", category="relief")
