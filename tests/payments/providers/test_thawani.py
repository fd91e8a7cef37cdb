"""Thawani Pay against recorded HTTP exchanges (network blocked)."""

from __future__ import annotations

import json
import socket
import time
from decimal import Decimal

import pytest
import requests

from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.donations.models import PaymentAttempt, Refund
from joud.donations.services import donation_refund, payment_attempt_poll
from joud.donations.webhooks import InProcessRequest, handle_webhook
from joud.ledger.models import Entry, Transaction
from joud.ledger.selectors import initiative_raised
from joud.ledger.services import ledger_seal
from joud.ledger.verify import ledger_verify
from joud.payments.models import WebhookEvent
from joud.payments.providers.thawani import signing
from joud.payments.providers.thawani.checkout import numeric_reference
from tests.donations.factories import applied, apply_accepted, general_fund_holds
from tests.payments.providers.conftest import (
    THAWANI_WEBHOOK_SECRET,
    NetworkBlocked,
    load,
    make_attempt,
)

DONATION = "JD-THW01"
ATTEMPT = f"{DONATION}-P1"
SESSION = "checkout_7QmZL0cXfT2gk9WbYpN4sVd1rHa6Ej3uKoB8nSxC5iRyM"
REFS = {"donation": DONATION, "attempt": ATTEMPT, "client_ref": numeric_reference(ATTEMPT)}


def _start(initiative, cassette, amount="10.000"):
    with cassette("thawani_create_session", **REFS):
        return make_attempt(initiative, "thawani", reference=DONATION, amount=amount)


def _body(name="thawani_event_checkout_completed", **changes) -> bytes:
    payload = load(name, **REFS)
    payload["data"].update(changes)
    return json.dumps(payload, separators=(",", ":")).encode()


def _deliver(body: bytes, *, secret=THAWANI_WEBHOOK_SECRET, timestamp=None, headers=None):
    headers = (
        headers if headers is not None else signing.sign(body, secret, timestamp or time.time())
    )
    return applied(handle_webhook("thawani", InProcessRequest(body=body, headers=headers)))


def _state(donation):
    with scopes_disabled():
        donation.refresh_from_db()
        return donation.state, list(donation.attempts.values_list("state", flat=True))


def test_the_network_is_blocked():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("93.184.216.34", 443), timeout=1)
    with pytest.raises(NetworkBlocked):
        requests.get("https://uatcheckout.thawani.om/api/v1/checkout/session", timeout=1)


@pytest.mark.django_db
def test_start_payment_creates_a_session_and_redirects_to_the_hosted_page(initiative, cassette):
    donation, attempt, url = _start(initiative, cassette)
    assert url == (f"https://uatcheckout.thawani.om/pay/{SESSION}?key=thw_test_publishable_key")
    with scopes_disabled():
        attempt = PaymentAttempt.objects.get(pk=attempt.pk)
    assert attempt.provider == "thawani" and attempt.provider_reference == SESSION
    assert attempt.reference == ATTEMPT and attempt.amount == Decimal("10.000")


@pytest.mark.django_db
def test_gateway_refusal_is_a_clear_business_error_and_opens_no_attempt(initiative, cassette):
    with cassette("thawani_create_session_refused"), pytest.raises(BusinessError) as info:
        make_attempt(initiative, "thawani", reference=DONATION)
    assert info.value.code == "gateway"
    with scopes_disabled():
        assert PaymentAttempt.objects.count() == 0


@pytest.mark.django_db
def test_genuine_webhook_confirms_exactly_once(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    body = _body()
    with cassette("thawani_payments_paid"):
        status, payload = _deliver(body)
    assert (status, payload) == (200, {"status": "confirm"})
    assert _state(donation) == ("confirmed", ["confirmed"])
    txn = Transaction.objects.get(reference=ATTEMPT)
    lines = sorted(
        (e.account.code, e.kind, e.debit, e.credit) for e in txn.entries.select_related("account")
    )
    fund, admin = f"initiative:{initiative.pk}", f"org:{initiative.organization_id}:admin"
    assert lines == sorted(
        [
            ("platform:clearing:thawani", "gross", Decimal("10.000"), Decimal("0.000")),
            (fund, "gross", Decimal("0.000"), Decimal("10.000")),
            (fund, "admin_share", Decimal("0.200"), Decimal("0.000")),
            (admin, "admin_share", Decimal("0.000"), Decimal("0.200")),
            (fund, "gateway_fee", Decimal("0.225"), Decimal("0.000")),
            ("platform:fees", "gateway_fee", Decimal("0.000"), Decimal("0.225")),
        ]
    )
    assert initiative_raised(initiative) == Decimal("10.000")
    # Thawani delivers the same event again (a fresh timestamp): recognised as a replay
    # without asking Thawani anything (no recording active), nothing applied twice.
    assert _deliver(body)[1] == {"status": "duplicate"}
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1
    assert AuditLogEntry.objects.filter(action="joud.payment.confirmed").count() == 1
    assert WebhookEvent.objects.filter(provider="thawani", reference=ATTEMPT).count() == 1
    ledger_seal()
    assert ledger_verify().ok


@pytest.mark.django_db
def test_bad_signature_stale_timestamp_and_tampering_are_refused(initiative, cassette, client):
    donation, attempt, _ = _start(initiative, cassette)
    body = _body()
    assert _deliver(body, secret="not-the-secret")[0] == 400
    assert _deliver(body, timestamp=time.time() - 601)[1] == {"error": "stale timestamp"}
    assert _deliver(body, timestamp=time.time() + 601)[0] == 400
    assert _deliver(body, headers={})[0] == 400
    genuine = signing.sign(body, THAWANI_WEBHOOK_SECRET, time.time())
    tampered = body.replace(b'"total_amount":10000', b'"total_amount":1')
    assert _deliver(tampered, headers=genuine)[1] == {"error": "bad signature"}
    # through HTTP as Thawani posts it: same refusal
    response = client.post(
        "/pay/webhooks/thawani/",
        data=body,
        content_type="application/json",
        headers={**genuine, signing.SIGNATURE_HEADER: "0" * 64},
    )
    assert response.status_code == 400
    assert WebhookEvent.objects.count() == 0
    assert _state(donation) == ("pending", ["created"])
    assert Transaction.objects.count() == 0
    # the genuine delivery over HTTP still works
    with cassette("thawani_payments_paid"):
        response = client.post(
            "/pay/webhooks/thawani/", data=body, content_type="application/json", headers=genuine
        )
    assert response.json() == {"status": "accepted"}  # and nothing more in the request
    assert _state(donation) == ("pending", ["created"])
    apply_accepted()
    assert _state(donation) == ("confirmed", ["confirmed"])


@pytest.mark.django_db
def test_amount_mismatch_is_held_and_not_credited(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette("thawani_payments_paid"):
        assert _deliver(_body(total_amount=9000))[1] == {"status": "hold"}
    assert _state(donation) == ("held_for_review", ["held_for_review"])
    assert Entry.objects.count() == 0
    assert initiative_raised(initiative) == Decimal("0.000")
    with scopes_disabled():
        assert "9.000 OMR" in PaymentAttempt.objects.get(pk=attempt.pk).review_note


@pytest.mark.django_db
def test_payment_failed_event_is_resolved_through_the_session(initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette("thawani_session_by_invoice", **REFS):
        assert _deliver(_body("thawani_event_payment_failed"))[1] == {"status": "fail"}
    assert _state(donation) == ("failed", ["failed"])
    assert Transaction.objects.count() == 0


@pytest.mark.django_db
def test_poll_for_the_return_page(initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with scopes_disabled():
        attempt = PaymentAttempt.objects.get(pk=attempt.pk)
    with cassette("thawani_get_session_unpaid", **REFS):
        assert payment_attempt_poll(attempt=attempt) == "noop"
    with cassette("thawani_get_session_paid", "thawani_payments_paid", **REFS):
        assert payment_attempt_poll(attempt=attempt) == "confirm"
    assert _state(donation) == ("confirmed", ["confirmed"])
    fee = Entry.objects.get(kind="gateway_fee", account__code="platform:fees").credit
    assert fee == Decimal("0.225")
    # the webhook arriving afterwards changes nothing
    with cassette("thawani_payments_paid"):
        assert _deliver(_body())[1] == {"status": "noop"}
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1


def _paid(initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette("thawani_payments_paid"):
        assert _deliver(_body())[1] == {"status": "confirm"}
    with scopes_disabled():
        donation.refresh_from_db()
    return donation


@pytest.mark.django_db
def test_refund_through_thawani(initiative, cassette):
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with (
        cassette("thawani_get_session_paid", "thawani_payments_paid", "thawani_refund_ok", **REFS),
        scopes_disabled(),
    ):
        refund = donation_refund(donation=donation, reason="asked by the donor")
    assert refund.state == "done" and refund.provider_reference == "ref_9WcT2mQe7LxR4bZs"
    donation.refresh_from_db()
    assert donation.state == "refunded"
    assert initiative_raised(initiative) == Decimal("0.000")
    assert Transaction.objects.filter(kind="refund", reference=f"{DONATION}-R1").count() == 1


@pytest.mark.django_db
def test_a_partial_refund_the_gateway_turned_into_a_full_one_is_held_and_booked_as_done(
    initiative, cassette
):
    """Asked 4.000 back; Thawani ignored ``amount`` and refunded the whole 10.000. The books
    follow the gateway (10.000 reversed), the refund waits for review with both amounts."""
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with (
        cassette(
            "thawani_get_session_paid",
            "thawani_payments_paid",
            "thawani_refund_partial_became_full",
            **REFS,
        ),
        scopes_disabled(),
    ):
        refund = donation_refund(
            donation=donation, amount=Decimal("4.000"), reason="asked by the donor"
        )
        donation.refresh_from_db()
    assert refund.state == "review"
    assert refund.requested_amount == Decimal("4.000") and refund.amount == Decimal("10.000")
    assert donation.state == "refunded" and donation.refunded_amount == Decimal("10.000")
    assert initiative_raised(initiative) == Decimal("0.000")
    posted = Transaction.objects.get(kind="refund", reference=f"{DONATION}-R1")
    assert sum(e.debit for e in posted.entries.all()) >= Decimal("10.000")
    held = AuditLogEntry.objects.get(action="joud.refund.held")
    assert held.data["asked"] == "4.000" and held.data["refunded"] == "10.000"
    ledger_seal()
    assert ledger_verify().ok


@pytest.mark.django_db
def test_refused_refund_changes_nothing_in_the_ledger(initiative, cassette):
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with (
        cassette(
            "thawani_get_session_paid", "thawani_payments_paid", "thawani_refund_refused", **REFS
        ),
        scopes_disabled(),
        pytest.raises(BusinessError) as info,
    ):
        donation_refund(donation=donation, amount=Decimal("4.000"), reason="asked by the donor")
    assert "Insufficient merchant balance" in str(info.value)
    with scopes_disabled():
        assert Refund.objects.get().state == "failed"
        donation.refresh_from_db()
    assert donation.state == "confirmed" and donation.refunded_amount == Decimal("0.000")
    assert Transaction.objects.filter(kind="refund").count() == 0
    assert initiative_raised(initiative) == Decimal("10.000")


def test_signature_is_hmac_sha256_of_body_dash_timestamp():
    """Thawani's documented scheme, computed here independently of the provider's code."""
    import hashlib
    import hmac

    body, ts = b'{"event_type":"checkout.completed"}', "1764148800"
    expected = hmac.new(b"s3cret", body + b"-" + ts.encode(), hashlib.sha256).hexdigest()
    assert signing.sign(body, "s3cret", int(ts)) == {
        "thawani-timestamp": ts,
        "thawani-signature": expected,
    }
    signing.verify(body, ts, expected.upper(), "s3cret", now=1764148800 + 299, tolerance=300)
    with pytest.raises(ValueError, match="stale"):
        signing.verify(body, ts, expected, "s3cret", now=1764148800 + 301, tolerance=300)
    # a millisecond timestamp is understood as such
    ms = "1764148800000"
    sig = hmac.new(b"s3cret", body + b"-" + ms.encode(), hashlib.sha256).hexdigest()
    signing.verify(body, ms, sig, "s3cret", now=1764148800 + 10, tolerance=300)
    with pytest.raises(ValueError, match="no webhook secret"):
        signing.verify(body, ts, expected, "", now=1764148800, tolerance=300)


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_webhook_redeliveries_and_return_page_race_to_one_confirmation(
    engine, initiative, cassette
):
    """Thawani delivers the event 4 times while the payer's return page polls twice, all at
    once on real threads: one confirmation, one ledger posting."""
    import threading

    from django.db import connection

    donation, attempt, _ = _start(initiative, cassette)
    with scopes_disabled():
        attempt = PaymentAttempt.objects.get(pk=attempt.pk)
    body = _body()
    results, errors = [], []
    barrier = threading.Barrier(6)

    def webhook():
        results.append(_deliver(body)[1].get("status"))

    def poll():
        results.append(payment_attempt_poll(attempt=attempt))

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    with cassette("thawani_get_session_paid", "thawani_payments_paid", **REFS):
        threads = [threading.Thread(target=run, args=(j,)) for j in [webhook] * 4 + [poll] * 2]
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
def test_without_a_webhook_secret_nothing_is_accepted(initiative, cassette, settings):
    donation, attempt, _ = _start(initiative, cassette)
    settings.JOUD_THAWANI_WEBHOOK_SECRET = ""
    assert _deliver(_body(), secret="") == (400, {"error": "no webhook secret configured"})
    assert _state(donation) == ("pending", ["created"])


@pytest.mark.django_db
def test_refund_notification_is_recorded_once_and_changes_nothing(initiative, cassette):
    """Thawani's events carry no id: ours is derived from what they are about, so the same
    refund notification delivered twice is one event."""
    _paid(initiative, cassette)
    payload = {
        "event_type": "refund.succeeded",
        "data": {
            "refund_id": "ref_9WcT2mQe7LxR4bZs",
            "payment_id": "20261126000417-PAY-01",
            "amount": 10000,
            "status": "successful",
            "metadata": {"reference": f"{DONATION}-R1", "attempt": ATTEMPT},
        },
    }
    body = json.dumps(payload).encode()
    assert _deliver(body)[1] == {"status": "unknown"}  # no such refund was asked here
    assert _deliver(json.dumps(payload, indent=1).encode())[1] == {"status": "duplicate"}
    event = WebhookEvent.objects.get(event_type="refund.succeeded")
    assert event.provider == "thawani" and event.reference == ATTEMPT
    assert Transaction.objects.filter(kind="refund").count() == 0
