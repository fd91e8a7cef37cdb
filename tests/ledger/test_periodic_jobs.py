"""The fold keeps totals fresh on its own; each seal run is capped so a backlog cannot delay it."""

import pytest

from joud.core import scheduling
from joud.ledger import tasks
from joud.ledger.models import AccountTotal, RaisedDelta, Transaction
from tests.donations.factories import make_donation, pay

pytestmark = pytest.mark.django_db


def test_fold_and_seal_are_separate_periodic_jobs():
    assert scheduling.REGISTRY["ledger.fold"].every.total_seconds() == 1
    assert "ledger.seal" in scheduling.REGISTRY
    assert "ledger.seal_and_fold" not in scheduling.REGISTRY


def test_fold_makes_totals_current_without_sealing(initiative):
    for _ in range(3):
        _, attempt = make_donation(initiative=initiative, amount="2.500")
        pay(attempt)
    assert RaisedDelta.objects.exists()
    tasks.fold.call()
    assert not RaisedDelta.objects.exists()
    assert AccountTotal.objects.filter(donations=3).exists()
    assert Transaction.objects.filter(seq__isnull=True).exists()  # the chain may lag


def test_a_seal_run_is_capped(initiative, monkeypatch):
    monkeypatch.setattr(tasks, "SEAL_BATCH", 2)
    for _ in range(3):
        _, attempt = make_donation(initiative=initiative)
        pay(attempt)
    unsealed = Transaction.objects.filter(seq__isnull=True).count()
    assert unsealed >= 3
    assert tasks.seal.call() == 2
    assert Transaction.objects.filter(seq__isnull=True).count() == unsealed - 2
