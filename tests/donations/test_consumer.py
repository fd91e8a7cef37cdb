"""Accept first, apply in batches: the webhook only stores the verified event; the consumer
(``services.applying``) applies accepted events exactly once, in batches, with the decisions of
an event applied in the request, and a failing batch is retried event by event."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from joud.core.models import AuditLogEntry
from joud.donations import fastbatch
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.selectors import payment_answer, payment_events_backlog
from joud.donations.services import accepted_events_apply, applying, payment_event_accept
from joud.donations.webhooks import InProcessRequest, handle_webhook
from joud.ledger.models import Entry, RaisedDelta, Transaction
from joud.ledger.selectors import initiative_raised
from joud.ledger.services import ledger_fold, ledger_seal
from joud.ledger.verify import ledger_verify
from joud.payments.base import EventType, ProviderEvent
from joud.payments.models import WebhookEvent
from tests.donations.factories import event_body, make_donation, signed_headers


def _accept(body: bytes) -> dict:
    status, payload = handle_webhook(
        "sandbox", InProcessRequest(body=body, headers=signed_headers(body))
    )
    assert status == 200, payload
    return payload


def _states(donation) -> tuple[str, list[str]]:
    row = Donation.unscoped.get(pk=donation.pk)
    attempts = PaymentAttempt.unscoped.filter(donation=donation).order_by("number")
    return row.state, [a.state for a in attempts]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_webhook_only_accepts_and_the_consumer_confirms(engine, initiative):
    if engine == "sql" and connection.vendor != "postgresql":
        pytest.skip("the SQL path needs PostgreSQL")
    donation, attempt = make_donation(initiative=initiative, amount="12.500")
    body = event_body(attempt)
    assert _accept(body) == {"status": "accepted"}
    assert _accept(body) == {"status": "duplicate"}  # a replay, before it is even applied
    event = WebhookEvent.objects.get()
    assert event.processed_at is None and event.result == ""
    assert (event.amount, event.currency, event.fee) == (Decimal("12.500"), "OMR", Decimal("0.150"))
    # nothing but the event in the request: no state change, no ledger, no audit
    assert _states(donation) == ("pending", ["created"])
    assert not Transaction.objects.exists() and not RaisedDelta.objects.exists()
    decided = ["joud.payment.confirmed", "joud.payment.pending", "joud.payment.failed"]
    assert not AuditLogEntry.objects.filter(action__in=decided).exists()

    drained = accepted_events_apply()
    assert (drained.applied, drained.failed) == (1, 0)
    event.refresh_from_db()
    assert event.processed_at is not None and event.result == "confirm"
    assert _states(donation) == ("confirmed", ["confirmed"])
    assert Transaction.objects.filter(reference=attempt.reference).count() == 1
    assert accepted_events_apply().applied == 0  # exactly once: nothing left to apply
    assert Transaction.objects.filter(reference=attempt.reference).count() == 1
    ledger_fold()
    assert initiative_raised(initiative) == Decimal("12.500")


@pytest.mark.sqlite
@pytest.mark.django_db
def test_one_batch_decides_in_arrival_order(engine, initiative):
    """Several events of one payment in one batch: each sees what the one before it did."""
    if engine == "sql" and connection.vendor != "postgresql":
        pytest.skip("the SQL path needs PostgreSQL")
    paid, a1 = make_donation(initiative=initiative, amount="5.000")
    failed_first, a2 = make_donation(initiative=initiative, amount="6.000")
    mismatch, a3 = make_donation(initiative=initiative, amount="7.000")
    late_fail, a4 = make_donation(initiative=initiative, amount="8.000")
    bodies = [
        event_body(a1, "payment.pending"),
        event_body(a1),
        event_body(a2, "payment.failed"),
        event_body(a2),
        event_body(a3, amount="9.000"),
        event_body(a3),
        event_body(a4),
        event_body(a4, "payment.failed"),
    ]
    for body in bodies:
        assert _accept(body) == {"status": "accepted"}
    drained = accepted_events_apply()
    assert (drained.applied, drained.batches) == (8, 1)
    results = list(WebhookEvent.objects.order_by("id").values_list("result", flat=True))
    assert results == ["pend", "confirm", "fail", "confirm", "hold", "noop", "confirm", "noop"]
    assert _states(paid) == ("confirmed", ["confirmed"])
    assert _states(failed_first) == ("confirmed", ["confirmed"])
    assert _states(mismatch) == ("held_for_review", ["held_for_review"])
    assert _states(late_fail) == ("confirmed", ["confirmed"])
    assert Transaction.objects.count() == 3
    ledger_fold()
    assert initiative_raised(initiative) == Decimal("19.000")
    ledger_seal()
    assert ledger_verify().ok


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_failing_batch_is_retried_event_by_event(engine, initiative, monkeypatch, client):
    if engine == "sql" and connection.vendor != "postgresql":
        pytest.skip("the SQL path needs PostgreSQL")
    made = [make_donation(initiative=initiative, amount="3.000") for _ in range(3)]
    bad = made[1][1].reference
    for _donation, attempt in made:
        _accept(event_body(attempt))

    def breaks_on_bad(apply):
        def wrapped(arg, *args, **kwargs):
            events = arg if isinstance(arg, list) else [arg]
            if any(e.reference == bad for e in events):
                raise RuntimeError("this event breaks")
            return apply(arg, *args, **kwargs)

        return wrapped

    monkeypatch.setattr(fastbatch, "apply_batch", breaks_on_bad(fastbatch.apply_batch))
    monkeypatch.setattr(applying, "apply_recorded_orm", breaks_on_bad(applying.apply_recorded_orm))
    drained = accepted_events_apply()
    assert (drained.applied, drained.failed) == (2, 1)
    assert [_states(d)[0] for d, _a in made] == ["confirmed", "pending", "confirmed"]
    stuck = WebhookEvent.objects.get(reference=bad)
    assert stuck.processed_at is None and stuck.apply_failures == 1
    assert "this event breaks" in stuck.apply_error
    # retried by later runs, then left for a person after MAX_FAILURES
    for _ in range(applying.MAX_FAILURES + 2):
        accepted_events_apply()
    stuck.refresh_from_db()
    assert stuck.apply_failures == applying.MAX_FAILURES and stuck.processed_at is None
    assert Transaction.objects.count() == 2
    # surfaced once for a person: its result, one audit entry under the association, the count
    assert stuck.result == "failed"
    surfaced = AuditLogEntry.objects.get(action="joud.payment_event.failed")
    assert surfaced.organization_id == made[1][1].organization_id
    assert surfaced.data["reference"] == bad and "this event breaks" in surfaced.data["error"]
    assert payment_events_backlog()["failed"] == 1
    assert payment_events_backlog()["waiting"] == 0
    # the giver's page stops promising "a second or two": a person has to look at it
    stuck_donation, stuck_attempt = made[1]
    assert payment_answer(stuck_attempt) == "needs_review"
    assert payment_answer(made[0][1]) == "none"
    status_url = reverse("donations:thanks_status", args=[stuck_donation.reference])
    page = client.get(status_url + "?lang=en").content.decode()
    assert "needs a check by our team" in page and "a second or two" not in page
    # once the cause is fixed, a person clears the count and the event is applied, once
    monkeypatch.undo()
    WebhookEvent.objects.filter(pk=stuck.pk).update(apply_failures=0, result="")
    assert payment_events_backlog()["waiting"] == 1
    assert accepted_events_apply().applied == 1
    assert payment_events_backlog() == {"waiting": 0, "oldest_seconds": None, "failed": 0}
    assert [_states(d)[0] for d, _a in made] == ["confirmed"] * 3
    assert Transaction.objects.count() == 3
    assert "Your donation is confirmed" in client.get(status_url + "?lang=en").content.decode()


@pytest.mark.django_db
def test_a_chargeback_and_other_events_go_through_the_consumer(initiative):
    _donation, attempt = make_donation(initiative=initiative, amount="10.000")
    _accept(event_body(attempt))
    _accept(event_body(attempt, "refund.succeeded"))
    accepted_events_apply()
    assert _accept(event_body(attempt, "chargeback.opened")) == {"status": "accepted"}
    accepted_events_apply()
    results = list(WebhookEvent.objects.order_by("id").values_list("result", flat=True))
    # a refund notice is checked against the booked refund: none was booked here
    assert results == ["confirm", "unknown", "chargeback"]
    assert Donation.unscoped.get(pk=attempt.donation_id).state == "refunded"


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_parallel_consumers_apply_each_event_once(engine, initiative):
    """Four consumers drain 240 accepted events (SKIP LOCKED) while more arrive: each event is
    applied exactly once, the books balance and the public total is exact."""
    made = [make_donation(initiative=initiative, amount=f"{n % 7 + 1}.250") for n in range(120)]
    bodies = [event_body(a) for _d, a in made]
    bodies += [event_body(a, "payment.pending") for _d, a in made]  # late, out of order
    for body in bodies[:120]:
        _accept(body)
    errors = []
    barrier = threading.Barrier(5)

    def consume():
        try:
            barrier.wait()
            for _ in range(20):
                accepted_events_apply(batch=16)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    def arrive():
        try:
            barrier.wait()
            for body in bodies[120:]:
                _accept(body)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=consume) for _ in range(4)]
    threads.append(threading.Thread(target=arrive))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    accepted_events_apply()
    assert not WebhookEvent.objects.filter(processed_at__isnull=True).exists()
    results = sorted(set(WebhookEvent.objects.values_list("result", flat=True)))
    assert results == ["confirm", "noop"]
    assert Donation.unscoped.filter(state="confirmed").count() == 120
    assert Transaction.objects.filter(kind="donation").count() == 120
    assert RaisedDelta.objects.count() == 120
    assert Entry.objects.count() > 0
    ledger_fold()
    expected = sum((d.amount for d, _a in made), Decimal("0.000"))
    assert initiative_raised(initiative) == expected
    ledger_seal()
    report = ledger_verify()
    assert report.ok, report.problems


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_consumer_gets_the_gateways_details_the_webhook_accepted(monkeypatch):
    """A refund notice names our refund in its details (``ProviderEvent.data``): the accepted
    event keeps them, and the consumer hands them to the refund check."""
    seen = []

    def check(*, event, recorded):
        seen.append((event.data, recorded))
        return "match"

    monkeypatch.setattr(applying, "refund_event_check", check)
    notice = ProviderEvent(
        provider="thawani",
        event_id="evt_refund_1",
        type=EventType.REFUND_SUCCEEDED,
        reference="JD-ABCDE-P1",
        provider_reference="ref_9WcT2mQe7LxR4bZs",
        amount=Decimal("4.000"),
        data={"refund": "JD-ABCDE-R1", "status": "succeeded"},
    )
    assert payment_event_accept(event=notice) == "accepted"
    assert accepted_events_apply().applied == 1
    assert seen == [({"refund": "JD-ABCDE-R1", "status": "succeeded"}, True)]
    assert WebhookEvent.objects.get().result == "match"
