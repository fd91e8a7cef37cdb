"""The demo seeder: cases across organizations, duplicates in the queue, idempotent."""

import random

import pytest
from django.db.models import F

from joud.beneficiaries.models import Case, DuplicateAlert
from joud.core.tenancy import scopes_disabled
from joud.demo import beneficiaries as demo
from tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_fills_the_queue():
    orgs = [OrganizationFactory() for _ in range(4)]
    caseworker = MembershipFactory(organization=orgs[0], role="caseworker").user
    world = {"organizations": orgs, "users": {"caseworker": caseworker}}
    with scopes_disabled():
        assert demo.seed(random.Random(1), world) is True
        count = Case.objects.count()
        assert count > demo.HOUSEHOLDS
        assert Case.objects.filter(organization=orgs[0]).exists()
        assert len({c.organization_id for c in Case.objects.all()}) == 4
        cross = DuplicateAlert.objects.exclude(organization_a=models_f("organization_b"))
        assert cross.count() >= 3
        assert demo.seed(random.Random(1), world) is False
        assert Case.objects.count() == count


def models_f(name):
    return F(name)
