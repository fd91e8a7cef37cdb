"""The demo's debt relief and licence expiry: one debt paid to the court and closed on its
discharge, one verified and awaiting payment, a licence ending within the reminder window; the
public figures match; a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.beneficiaries.models import Case, Debt
from joud.core.tenancy import scopes_disabled
from joud.demo import debt_relief as demo
from joud.demo.world import _seed_core
from joud.disbursements.selectors import debt_relief_figures
from joud.ledger.verify import ledger_verify
from joud.organizations.licence import licence_reminder_due, licence_reminders_send
from joud.organizations.models import Organization
from tests.donations.factories import make_donation, pay

pytestmark = pytest.mark.django_db


def test_demo_debt_relief_and_an_expiring_licence(unscoped):
    world: dict = {}
    _seed_core(random.Random(1), world)
    org = world["organizations"][0]
    _donation, attempt = make_donation(organization=org, target="zakat", amount="500.000")
    pay(attempt)
    assert demo.seed(random.Random(2), world) is True
    with scopes_disabled():
        held = Case.objects.get(reference="CS-DEBT01")
        waiting = Case.objects.get(reference="CS-DEBT02")
        assert held.status == "closed" and held.debt.discharged_at is not None
        assert waiting.status == "approved" and waiting.debt.discharged_at is None
        assert Debt.objects.count() == 2
    figures = debt_relief_figures()
    assert (figures.cases_discharged, figures.released, figures.cases_open) == (1, 1, 1)
    assert figures.paid_total == Decimal("380.750") and figures.owed_open == Decimal("1215.400")
    assert ledger_verify().ok
    expiring = Organization.objects.get(slug=demo.EXPIRING_SLUG)
    today = timezone.localdate()
    assert expiring.licence_expires_on == today + dt.timedelta(days=demo.EXPIRING_IN_DAYS)
    assert expiring.is_licensed and licence_reminder_due(expiring, today) == 30
    assert licence_reminders_send(today=today) >= 1
    assert demo.seed(random.Random(2), world) is False
    with scopes_disabled():
        assert Debt.objects.count() == 2
    assert Organization.objects.get(pk=expiring.pk).licence_expires_on == (
        expiring.licence_expires_on
    )
