"""Exactly-once confirmation: signatures, replays, mismatches, races (both SQL paths)."""

from __future__ import annotations

import random
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, PaymentAttempt
from joud.donations.services import accepted_events_apply, decide, payment_attempt_poll
from joud.donations.webhooks import InProcessRequest, handle_webhook
from joud.ledger.models import Entry, RaisedDelta, Transaction
from joud.ledger.selectors import initiative_raised
from joud.ledger.services import ledger_fold, ledger_seal
from joud.ledger.verify import ledger_verify
from joud.payments.models import SandboxCharge, WebhookEvent
from tests.donations.factories import (
    apply_accepted,
    deliver,
    event_body,
    make_donation,
    post_webhook,
    signed_headers,
)


def _state(donation):
    with scopes_disabled():
        donation.refresh_from_db()
        return donation.state, list(donation.attempts.values_list("state", flat=True))


@pytest.mark.django_db
def test_webhook_confirms_and_posts_balanced_entries(engine, initiative):
    donation, attempt = make_donation(initiative=initiative, amount="10.000")
    status, payload = deliver(event_body(attempt, fee="0.150"))
    assert status == 200 and payload == {"status": "confirm"}
    assert _state(donation) == ("confirmed", ["confirmed"])
    txn = Transaction.objects.get(reference=attempt.reference)
    lines = sorted(
        (e.account.code, e.kind, e.debit, e.credit) for e in txn.entries.select_related("account")
    )
    fund = f"initiative:{initiative.pk}"
    admin = f"org:{initiative.organization_id}:admin"
    assert lines == sorted(
        [
            ("platform:clearing:sandbox", "gross", Decimal("10.000"), Decimal("0.000")),
            (fund, "gross", Decimal("0.000"), Decimal("10.000")),
            (fund, "admin_share", Decimal("0.200"), Decimal("0.000")),
            (admin, "admin_share", Decimal("0.000"), Decimal("0.200")),
            (fund, "gateway_fee", Decimal("0.150"), Decimal("0.000")),
            ("platform:fees", "gateway_fee", Decimal("0.000"), Decimal("0.150")),
        ]
    )
    assert initiative_raised(initiative) == Decimal("10.000")
    assert AuditLogEntry.objects.filter(action="joud.payment.confirmed").count() == 1
    assert WebhookEvent.objects.filter(reference=attempt.reference).count() == 1


@pytest.mark.django_db
def test_replayed_event_is_refused(engine, initiative):
    donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    assert deliver(body)[1]["status"] == "confirm"
    assert deliver(body)[1]["status"] == "duplicate"
    # a different event saying the same thing is applied at most once too
    assert deliver(event_body(attempt))[1]["status"] == "noop"
    assert Transaction.objects.filter(reference=attempt.reference).count() == 1
    assert RaisedDelta.objects.count() == 1


@pytest.mark.django_db
def test_bad_signature_and_stale_timestamp_are_refused(engine, initiative, client):
    donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    assert post_webhook(client, body, secret="not-the-secret").status_code == 400
    assert post_webhook(client, body, timestamp=int(time.time()) - 301).status_code == 400
    tampered = body.replace(b"10.000", b"99.000")
    headers = signed_headers(body)
    response = client.post(
        "/pay/webhooks/sandbox/", data=tampered, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert (
        client.post(
            "/pay/webhooks/sandbox/", data=body, content_type="application/json"
        ).status_code
        == 400
    )
    assert WebhookEvent.objects.count() == 0
    assert _state(donation) == ("pending", ["created"])
    assert Transaction.objects.count() == 0
    # the genuine, fresh delivery still works afterwards
    assert post_webhook(client, body).json() == {"status": "accepted"}
    assert apply_accepted(body) == "confirm"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "currency"), [("9.000", "OMR"), ("10.000", "USD"), ("10.001", "OMR")]
)
def test_mismatched_amount_or_currency_is_held_and_not_credited(
    engine, initiative, amount, currency
):
    donation, attempt = make_donation(initiative=initiative, amount="10.000")
    status, payload = deliver(event_body(attempt, amount=amount, currency=currency))
    assert payload["status"] == "hold"
    assert _state(donation) == ("held_for_review", ["held_for_review"])
    assert Transaction.objects.count() == 0
    assert Entry.objects.count() == 0
    assert initiative_raised(initiative) == Decimal("0.000")
    # a later, correct success does not release a held payment by itself
    assert deliver(event_body(attempt))[1]["status"] == "noop"
    assert Transaction.objects.count() == 0
    with scopes_disabled():
        assert "gateway reported" in PaymentAttempt.objects.get(pk=attempt.pk).review_note


@pytest.mark.django_db
def test_failed_payment_records_nothing_confirmed(engine, initiative):
    donation, attempt = make_donation(initiative=initiative)
    assert deliver(event_body(attempt, "payment.pending"))[1]["status"] == "pend"
    assert deliver(event_body(attempt, "payment.failed"))[1]["status"] == "fail"
    assert _state(donation) == ("failed", ["failed"])
    assert Transaction.objects.count() == 0
    assert RaisedDelta.objects.count() == 0


@pytest.mark.django_db
def test_late_pending_does_not_undo_confirmation(engine, initiative):
    donation, attempt = make_donation(initiative=initiative)
    deliver(event_body(attempt))
    assert deliver(event_body(attempt, "payment.pending"))[1]["status"] == "noop"
    assert deliver(event_body(attempt, "payment.failed"))[1]["status"] == "noop"
    assert _state(donation) == ("confirmed", ["confirmed"])
    with scopes_disabled():
        assert donation.derived_state() == "confirmed"


def test_decision_table():
    assert decide("created", "succeeded", True) == "confirm"
    assert decide("pending", "succeeded", False) == "hold"
    assert decide("failed", "succeeded", True) == "confirm"
    assert decide("confirmed", "succeeded", True) == "noop"
    assert decide("held_for_review", "succeeded", True) == "noop"
    assert decide("confirmed", "failed", True) == "noop"
    assert decide("pending", "pending", True) == "noop"
    assert decide("created", "pending", True) == "pend"


def _run_threads(jobs, workers):
    """Run callables on ``workers`` real threads (each its own DB connection)."""
    errors = []
    barrier = threading.Barrier(workers)
    chunks = [jobs[i::workers] for i in range(workers)]

    def work(chunk):
        try:
            barrier.wait()
            for job in chunk:
                job()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_each_webhook_five_times_out_of_order_and_concurrently(engine, initiative):
    """Ten deliveries race on ten threads while consumers apply what was accepted between them."""
    donation, attempt = make_donation(initiative=initiative, amount="25.500")
    bodies = [event_body(attempt, "payment.pending"), event_body(attempt, "payment.succeeded")]
    deliveries = [b for b in bodies for _ in range(5)]
    random.Random(4).shuffle(deliveries)
    statuses = []

    def job(body):
        def run():
            response = post_webhook(Client(), body)
            statuses.append((response.status_code, response.json()["status"]))

        return run

    consumers = [accepted_events_apply] * 4
    _run_threads([job(b) for b in deliveries] + consumers, workers=10)
    accepted_events_apply()  # what was accepted after the last consumer ran
    assert all(code == 200 for code, _ in statuses)
    results = sorted(s for _, s in statuses)
    assert results.count("accepted") == 2
    assert results.count("duplicate") == 8
    applied = sorted(WebhookEvent.objects.values_list("result", flat=True))
    assert applied in (["confirm", "pend"], ["confirm", "noop"])  # pending first, or too late
    assert not WebhookEvent.objects.filter(processed_at__isnull=True).exists()
    assert _state(donation) == ("confirmed", ["confirmed"])
    assert Transaction.objects.filter(reference=attempt.reference).count() == 1
    assert Entry.objects.count() == 6
    assert RaisedDelta.objects.count() == 1
    assert initiative_raised(initiative) == Decimal("25.500")
    assert AuditLogEntry.objects.filter(action="joud.payment.confirmed").count() == 1


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_donations_to_one_initiative(engine, initiative):
    rng = random.Random(7)
    made = [
        make_donation(initiative=initiative, amount=f"{rng.randint(500, 50000) / 1000:.3f}")
        for _ in range(200)
    ]
    expected = sum((d.amount for d, _ in made), Decimal("0.000"))
    # the return page polls race with the webhooks for some of them
    jobs = [lambda a=a: deliver(event_body(a)) for _, a in made]
    jobs += [lambda a=a: deliver(event_body(a)) for _, a in made[:40]]  # duplicates, new ids
    rng.shuffle(jobs)
    folder_stop = threading.Event()

    def fold_while_running():
        while not folder_stop.is_set():
            ledger_fold()
            ledger_seal()
            time.sleep(0.01)
        connection.close()

    folder = threading.Thread(target=fold_while_running)
    folder.start()
    try:
        _run_threads(jobs, workers=16)
    finally:
        folder_stop.set()
        folder.join()
    assert initiative_raised(initiative) == expected  # exact, folded or not
    ledger_fold()
    ledger_seal()
    assert RaisedDelta.objects.count() == 0
    assert initiative_raised(initiative) == expected
    with scopes_disabled():
        assert Donation.objects.filter(state="confirmed").count() == 200
    assert Transaction.objects.count() == 200
    report = ledger_verify()
    assert report.ok, report.problems
    assert report.unsealed == 0 and report.sealed == 200


@pytest.mark.django_db
def test_webhook_confirmation_is_one_statement_on_postgresql(
    initiative, settings, django_assert_num_queries
):
    """The hot path's cost is round trips: the webhook makes one (the accepting INSERT); the
    consumer applies a batch in one transaction whose statements do not grow with the batch
    (one set-based statement applies every payment that stands alone in it)."""
    settings.JOUD_CONFIRMATION_SQL = "sql"
    made = [make_donation(initiative=initiative)[1] for _ in range(30)]  # anonymous, no contact
    bodies = [event_body(attempt) for attempt in made]
    with django_assert_num_queries(1):
        assert handle_webhook(
            "sandbox", InProcessRequest(body=bodies[0], headers=signed_headers(bodies[0]))
        )[1] == {"status": "accepted"}
    with CaptureQueriesContext(connection) as one:
        assert accepted_events_apply().applied == 1
    for body in bodies[1:]:
        handle_webhook("sandbox", InProcessRequest(body=body, headers=signed_headers(body)))
    with CaptureQueriesContext(connection) as many:
        assert accepted_events_apply().applied == 29
    # savepoints, the claim, which payments stand alone, the set statement, the marking, and
    # one more claim that finds none: the same for 1 event and for 29
    assert len(many) == len(one) <= 10
    assert Donation.unscoped.filter(state=Donation.State.CONFIRMED).count() == 30
    with django_assert_num_queries(1):
        assert deliver(bodies[0])[1]["status"] == "duplicate"


@pytest.mark.django_db
def test_donor_gets_a_thank_you_with_the_receipt_link(
    engine, initiative, django_capture_on_commit_callbacks
):
    donation, attempt = make_donation(initiative=initiative, donor_phone="+96891112233")
    with django_capture_on_commit_callbacks(execute=True):
        deliver(event_body(attempt))
    message = OutboxMessage.objects.get(to="+96891112233")
    assert f"/receipts/donation/{donation.reference}/pdf/?t={donation.access_token}" in message.body


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_return_page_and_webhooks_race_to_one_confirmation(engine, initiative):
    donation, attempt = make_donation(initiative=initiative, amount="8.000")
    # The payer chose "succeed" at the gateway; its webhooks and the return page now race.
    SandboxCharge.objects.filter(reference=attempt.reference).update(
        status="succeeded", fee=Decimal("0.120")
    )
    body = event_body(attempt, fee="0.120")

    def poll():
        with scopes_disabled():
            payment_attempt_poll(attempt=PaymentAttempt.objects.get(pk=attempt.pk))

    jobs = [lambda: deliver(body) for _ in range(5)] + [poll for _ in range(5)]
    random.Random(3).shuffle(jobs)
    _run_threads(jobs, workers=10)
    assert _state(donation) == ("confirmed", ["confirmed"])
    assert Transaction.objects.filter(reference=attempt.reference).count() == 1
    assert initiative_raised(initiative) == Decimal("8.000")
    assert AuditLogEntry.objects.filter(action="joud.payment.confirmed").count() == 1
