from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from joud.core.tenancy import scopes_disabled
from joud.donations.services import donation_refund
from joud.payments.models import SandboxCharge
from tests.donations.factories import make_donation, pay


@pytest.mark.django_db
def test_reconcile_lists_every_difference(initiative, settings):
    settings.JOUD_SANDBOX_WEBHOOK_DELIVERY = "inprocess"
    good, good_attempt = make_donation(initiative=initiative, amount="10.000")
    pay(good_attempt)
    with scopes_disabled():
        donation_refund(donation=good, amount=Decimal("4.000"))
    call_command("reconcile")  # all agree
    # a success whose webhook never arrived (charge succeeded, nothing delivered)
    _lost, lost_attempt = make_donation(initiative=initiative, amount="3.000")
    SandboxCharge.objects.filter(reference=lost_attempt.reference).update(
        status="succeeded", amount=Decimal("3.000")
    )
    # the gateway refunded more than Joud recorded
    SandboxCharge.objects.filter(reference=good_attempt.reference).update(refunded=Decimal("5.000"))
    import datetime as dt

    from django.utils import timezone

    from joud.payments.reconciliation import reconcile
    from joud.payments.registry import get_provider

    found = {
        (d.kind, d.reference)
        for d in reconcile(
            provider=get_provider("sandbox"), since=timezone.now() - dt.timedelta(days=1)
        )
    }
    assert found == {
        ("missing_in_ledger", lost_attempt.reference),
        ("refunded", good_attempt.reference),
    }
    with pytest.raises(CommandError):
        call_command("reconcile")
