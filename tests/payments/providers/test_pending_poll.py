"""Payments nobody confirmed: the periodic poll asks the gateway (recorded exchanges, network
blocked) and applies the answer through the webhook's exactly-once path."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.donations.models import PaymentAttempt
from joud.donations.services.pending import checkpoints, pending_payments_poll, poll_due
from joud.ledger.models import Transaction
from joud.ledger.selectors import initiative_raised
from tests.payments.providers.test_thawani import ATTEMPT, REFS, _body, _deliver, _start, _state

MIN = dt.timedelta(minutes=1)


def _aged(attempt, age: dt.timedelta) -> dt.datetime:
    """Make ``attempt`` ``age`` old; returns "now" for the poll."""
    now = timezone.now()
    with scopes_disabled():
        PaymentAttempt.objects.filter(pk=attempt.pk).update(created_at=now - age)
    return now


def test_back_off_doubles_from_three_minutes_and_stops_after_a_day():
    points = checkpoints(3 * MIN, dt.timedelta(hours=24))
    assert points[:7] == [m * MIN for m in (3, 6, 12, 24, 48, 96, 192)]
    assert all(b - a <= dt.timedelta(hours=2) for a, b in itertools.pairwise(points))
    assert points[-1] <= dt.timedelta(hours=24) < points[-1] + dt.timedelta(hours=2)
    # with a run every 5 minutes, each checkpoint is taken by exactly one run
    runs = [poll_due(m * MIN) for m in range(0, 24 * 60 + 60, 5)]
    assert sum(runs) == len(points)
    assert not poll_due(2 * MIN) and poll_due(3 * MIN) and poll_due(13 * MIN)
    assert not poll_due(17 * MIN)
    assert not poll_due(dt.timedelta(hours=25))


@pytest.mark.django_db
def test_a_pending_payment_is_confirmed_by_the_poll_and_reported(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    now = _aged(attempt, 3 * MIN)
    with cassette("thawani_get_session_paid", "thawani_payments_paid", **REFS):
        report = pending_payments_poll(now=now)
    assert report["asked"] == 1 and report["confirmed"] == [ATTEMPT]
    assert _state(donation) == ("confirmed", ["confirmed"])
    assert initiative_raised(initiative) == Decimal("10.000")
    entry = AuditLogEntry.objects.get(action="joud.payment.pending_polled")
    assert entry.data["confirmed"] == [ATTEMPT] and entry.data["actions"] == {"confirm": 1}
    # the webhook that finally arrives changes nothing
    with cassette("thawani_payments_paid"):
        assert _deliver(_body())[1] == {"status": "noop"}
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1


@pytest.mark.django_db
def test_unpaid_too_young_and_too_old_attempts(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette():  # no request at all: too young, then too old
        assert pending_payments_poll(now=_aged(attempt, 2 * MIN))["asked"] == 0
        assert pending_payments_poll(now=_aged(attempt, dt.timedelta(hours=25)))["asked"] == 0
        assert pending_payments_poll(now=_aged(attempt, 17 * MIN))["asked"] == 0  # between checks
    with cassette("thawani_get_session_unpaid", **REFS):
        report = pending_payments_poll(now=_aged(attempt, 6 * MIN))
    assert report == {"asked": 1, "unanswered": 1, "confirmed": [], "held": [], "failed": []}
    assert _state(donation) == ("pending", ["created"])


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_a_poll_racing_its_webhook_confirms_exactly_once(engine, initiative, cassette):
    """The poll (three schedulers at once) and Thawani's webhook (three deliveries) for the same
    payment, all at once on real threads: one confirmation, one ledger posting."""
    donation, attempt, _ = _start(initiative, cassette)
    now = _aged(attempt, 3 * MIN)
    body = _body()
    results, errors = [], []
    barrier = threading.Barrier(6)

    def webhook():
        results.append(_deliver(body)[1].get("status"))

    def poll():
        with scopes_disabled():
            report = pending_payments_poll(now=now)
        results.append("confirm" if report["confirmed"] else "noop")

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    with cassette("thawani_get_session_paid", "thawani_payments_paid", **REFS):
        threads = [threading.Thread(target=run, args=(j,)) for j in [webhook, poll] * 3]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors, errors
    assert results.count("confirm") == 1, results
    assert set(results) <= {"confirm", "duplicate", "noop"}
    assert _state(donation) == ("confirmed", ["confirmed"])
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1
    assert initiative_raised(initiative) == Decimal("10.000")


@pytest.mark.django_db
def test_a_session_that_expired_unpaid_fails_the_attempt(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette("thawani_get_session_expired", **REFS):
        report = pending_payments_poll(now=_aged(attempt, dt.timedelta(hours=23, minutes=14)))
    assert report["failed"] == [ATTEMPT]
    assert _state(donation) == ("failed", ["failed"])
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 0
