"""Who may see or do what with cases (joud.beneficiaries.access) and the reads behind the
duplicate review (joud.beneficiaries.selectors)."""

from __future__ import annotations

import pytest
from django.utils import translation

from joud.beneficiaries import access, selectors
from joud.beneficiaries.models import DuplicateAlert, PublicCase
from joud.core.tenancy import scopes_disabled
from tests.beneficiaries.factories import make_case
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert(org_a, org_b, caseworker_a, caseworker_b):
    with scopes_disabled():
        make_case(org_a, caseworker_a)
        make_case(org_b, caseworker_b, full_name="Haitham bin Salim Al-Hinai", civil_id="")
    return DuplicateAlert.objects.get()


def test_only_an_admin_membership_is_a_case_admin(org_a):
    assert access.is_case_admin(MembershipFactory(organization=org_a, role="admin"))
    assert not access.is_case_admin(MembershipFactory(organization=org_a, role="caseworker"))
    assert not access.is_case_admin(None)


def test_duplicate_reviewers_are_the_two_associations_and_the_ministry(
    alert, caseworker_a, caseworker_b, reviewer
):
    assert access.may_review_duplicate(alert, caseworker_a)
    assert access.may_review_duplicate(alert, caseworker_b)
    assert access.may_review_duplicate(alert, reviewer)
    outsider = MembershipFactory(organization=OrganizationFactory(), role="caseworker").user
    assert not access.may_review_duplicate(alert, outsider)
    assert not access.may_review_duplicate(alert, UserFactory())
    # A member of an involved association who does not do casework does not decide.
    other_role = MembershipFactory(organization=alert.organization_a, role="finance").user
    assert not access.may_review_duplicate(alert, other_role)


def test_a_closed_public_case_is_hidden_from_the_public():
    assert access.is_visible_to_public(PublicCase(status=PublicCase.Status.PUBLISHED))
    assert access.is_visible_to_public(PublicCase(status=PublicCase.Status.FUNDED))
    assert not access.is_visible_to_public(PublicCase(status=PublicCase.Status.CLOSED))


def test_each_association_sees_its_own_side_of_a_pair(alert, org_a, org_b):
    mine_a = selectors.alert_own_person(alert, org_a)
    mine_b = selectors.alert_own_person(alert, org_b)
    assert {mine_a.pk, mine_b.pk} == {alert.person_a_id, alert.person_b_id}
    assert mine_a.organization_id == org_a.pk and mine_b.organization_id == org_b.pk


def test_alerts_on_the_same_cases_leave_out_the_alert_itself(alert):
    assert list(selectors.alerts_on_same_cases(alert)) == []
    assert list(selectors.alerts_open_for_ministry()) == [alert]
    alert.status = DuplicateAlert.Status.NOT_DUPLICATE
    alert.save()
    assert list(selectors.alerts_open_for_ministry()) == []
    assert list(selectors.alerts_all()) == [alert]


def test_public_case_title_and_story_follow_the_readers_language():
    pc = PublicCase(title_ar="علاج", title_en="Treatment", story_ar="قصة", story_en="")
    with translation.override("en"):
        assert pc.title == "Treatment"
        assert pc.story == "قصة"  # no English story: the Arabic one
    with translation.override("ar"):
        assert (pc.title, pc.story) == ("علاج", "قصة")
