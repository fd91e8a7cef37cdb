"""The demo's money out: an initiative with itemised, paid spending and public evidence, and
one payment waiting for its second approval; a second run adds nothing."""

from __future__ import annotations

import random

import pytest

from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.demo import disbursements as demo
from joud.demo.world import _seed_core
from joud.disbursements.models import Disbursement
from joud.disbursements.selectors import public_disbursements
from joud.ledger.verify import ledger_verify
from tests.donations.factories import make_donation, pay

pytestmark = pytest.mark.django_db


def test_demo_spending_is_itemised_with_public_evidence_and_idempotent(unscoped):
    world: dict = {}
    _seed_core(random.Random(1), world)
    org = world["organizations"][0]
    with scopes_disabled():
        initiative = Initiative.objects.filter(organization=org, category="school_meals").first()
        initiative = initiative or Initiative.objects.filter(organization=org).first()
    _donation, attempt = make_donation(initiative=initiative, amount="900.000")
    pay(attempt)
    assert demo.seed(random.Random(2), world) is True
    lines = public_disbursements(initiative=world["disbursement_initiative"])
    assert len(lines) == 3 and all(line.paid for line in lines)
    assert all({e.kind for e in line.evidence} == {"invoice", "delivery"} for line in lines)
    with scopes_disabled():
        assert Disbursement.objects.filter(state="submitted").count() == 1
        count = Disbursement.objects.count()
    assert demo.seed(random.Random(2), world) is False
    with scopes_disabled():
        assert Disbursement.objects.count() == count
    assert ledger_verify().ok
