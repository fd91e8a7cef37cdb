"""ledger.progress: the folded totals read for pages, counters and the search's filter."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.campaigns.access import may_see_unpublished
from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.ledger import accounts, progress
from joud.ledger.models import AccountTotal
from tests.factories import InitiativeFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fold(initiative, raised: str, donations: int) -> None:
    AccountTotal.objects.update_or_create(
        account=accounts.initiative_account(initiative),
        defaults={"raised": Decimal(raised), "donations": donations},
    )


def test_totals_funded_share_and_attached_progress():
    a = InitiativeFactory(goal=Decimal("100.000"))
    b = InitiativeFactory(goal=Decimal("100.000"))
    c = InitiativeFactory(goal=None)
    _fold(a, "80.000", 4)
    _fold(b, "74.999", 2)
    _fold(c, "5.500", 1)
    with scopes_disabled():
        ids = Initiative.objects.filter(pk__in=[a.pk, b.pk, c.pk])
        assert progress.totals(ids) == (Decimal("160.499"), 7)
        assert list(progress.funded_at_least(ids, 75)) == [a]
        items = {i.pk: i for i in progress.attach_progress(ids)}
    assert items[a.pk].progress.percent == 80 and items[a.pk].progress.donors == 4
    assert items[c.pk].progress.percent == 0  # open-ended: no percentage


def test_unpublished_initiatives_are_for_their_team_and_the_ministry():
    member = MembershipFactory(role="finance")
    initiative = InitiativeFactory(organization=member.organization, state="draft")
    reviewer = UserFactory(is_ministry_reviewer=True)
    assert may_see_unpublished(member.user, initiative)
    assert may_see_unpublished(reviewer, initiative)
    assert not may_see_unpublished(UserFactory(), initiative)
