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


def test_the_scheduler_checks_at_least_as_often_as_the_fold_runs():
    """A 5-second check (the old default) enqueued the 1-second fold every 5 seconds: the
    public totals then lagged up to 5 s, over the 2 s the platform promises."""
    from joud.core.management.commands.run_scheduler import Command

    parser = Command().create_parser("manage.py", "run_scheduler")
    interval = parser.parse_args([]).interval
    jobs = scheduling.load_periodic_jobs()
    assert interval <= min(job.every.total_seconds() for job in jobs.values())
    assert {"ledger.fold", "ledger.seal", "receipts.number_pending"} <= set(jobs)


def test_a_seal_run_refuses_to_overwrite_a_seal(initiative, monkeypatch):
    """The PostgreSQL seal writes every row in one statement and only where still unsealed: a
    row sealed meanwhile by anybody else stops the run instead of forking the chain."""
    from django.db import connection

    from joud.ledger.services import sealing as services

    if connection.vendor != "postgresql":
        pytest.skip("the one-statement seal is PostgreSQL's")
    for _ in range(2):
        _, attempt = make_donation(initiative=initiative)
        pay(attempt)
    real = services.entries_by_transaction

    def seal_one_behind_its_back(ids):
        first = Transaction.objects.filter(seq__isnull=True).order_by("id").first()
        Transaction.objects.filter(pk=first.pk).update(seq=10_000, prev_hash="x", hash="y")
        return real(ids)

    monkeypatch.setattr(services, "entries_by_transaction", seal_one_behind_its_back)
    with pytest.raises(RuntimeError, match="sealed by somebody else"):
        services.ledger_seal()
    # The whole run (the intruder's write included, it was in the same transaction) is undone.
    assert not Transaction.objects.filter(seq__isnull=False).exists()


def test_the_fold_has_a_queue_of_its_own():
    """Production runs ``db_worker --queue-name ledger`` beside the general worker, so the fold
    never waits behind a seal or a batch of receipt numbers."""
    from django.conf import settings

    assert tasks.fold.queue_name == "ledger"
    assert "ledger" in settings.TASKS["default"]["QUEUES"]
    assert tasks.seal.queue_name != "ledger"
