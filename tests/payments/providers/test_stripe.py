"""Stripe Checkout (official SDK) against recorded HTTP exchanges (network blocked)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest
import stripe

from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Chargeback, PaymentAttempt, Refund
from joud.donations.services import donation_refund, payment_attempt_poll
from joud.donations.webhooks import InProcessRequest, handle_webhook
from joud.ledger.models import Entry, Transaction
from joud.ledger.selectors import initiative_raised
from joud.ledger.services import ledger_seal
from joud.ledger.verify import ledger_verify
from joud.payments.models import WebhookEvent
from joud.payments.providers.stripe_checkout.provider import StripeProvider, stripe_units
from tests.donations.factories import applied, apply_accepted, general_fund_holds
from tests.payments.providers.conftest import STRIPE_WEBHOOK_SECRET, load, make_attempt

DONATION = "JD-STR01"
ATTEMPT = f"{DONATION}-P1"
SESSION = "cs_test_a1Joud7QmZL0cXfT2gk9WbYpN4sVd1rHa6Ej3uKoB8nSxC5iRyM"
REFS = {"donation": DONATION, "attempt": ATTEMPT}


def _start(initiative, cassette):
    with cassette("stripe_create_session", **REFS):
        return make_attempt(initiative, "stripe", reference=DONATION)


def _body(name="stripe_event_session_completed", **changes) -> bytes:
    payload = load(name, **REFS)
    payload["data"]["object"].update(changes)
    return json.dumps(payload, indent=2).encode()


def _signature(body: bytes, *, secret=STRIPE_WEBHOOK_SECRET, timestamp=None) -> str:
    """Stripe's scheme (Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")), by hand."""
    t = int(timestamp or time.time())
    mac = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def _deliver(body: bytes, **kw):
    headers = {"Stripe-Signature": _signature(body, **kw)}
    return applied(handle_webhook("stripe", InProcessRequest(body=body, headers=headers)))


def _state(donation):
    with scopes_disabled():
        donation.refresh_from_db()
        return donation.state, list(donation.attempts.values_list("state", flat=True))


def test_the_sdk_talks_through_requests():
    """The recorded exchanges replace the transport the SDK really uses."""
    client = StripeProvider().client()
    assert isinstance(client._requestor._get_http_client(), stripe.RequestsClient)


@pytest.mark.django_db
def test_start_payment_creates_a_checkout_session(initiative, cassette):
    donation, attempt, url = _start(initiative, cassette)
    assert url.startswith(f"https://checkout.stripe.com/c/pay/{SESSION}")
    with scopes_disabled():
        attempt = PaymentAttempt.objects.get(pk=attempt.pk)
    assert attempt.provider == "stripe" and attempt.provider_reference == SESSION


def test_three_decimal_amounts_must_end_in_zero():
    assert stripe_units(Decimal("10.000"), "OMR") == 10000
    assert stripe_units(Decimal("0.510"), "OMR") == 510
    with pytest.raises(ValueError):
        stripe_units(Decimal("10.005"), "OMR")


@pytest.mark.django_db
def test_an_amount_stripe_cannot_charge_exactly_is_refused_before_any_call(initiative, cassette):
    with cassette(), pytest.raises(BusinessError) as info:  # no request may be made
        make_attempt(initiative, "stripe", reference=DONATION, amount="10.005")
    assert info.value.code == "amount"
    assert "10.000" in str(info.value) and "10.010" in str(info.value)
    with scopes_disabled():
        assert PaymentAttempt.objects.count() == 0


@pytest.mark.django_db
def test_genuine_webhook_confirms_exactly_once(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    body = _body()
    with cassette("stripe_session_paid_expanded", **REFS):
        assert _deliver(body) == (200, {"status": "confirm"})
    assert _state(donation) == ("confirmed", ["confirmed"])
    txn = Transaction.objects.get(reference=ATTEMPT)
    lines = sorted(
        (e.account.code, e.kind, e.debit, e.credit) for e in txn.entries.select_related("account")
    )
    fund, admin = f"initiative:{initiative.pk}", f"org:{initiative.organization_id}:admin"
    assert lines == sorted(
        [
            ("platform:clearing:stripe", "gross", Decimal("10.000"), Decimal("0.000")),
            (fund, "gross", Decimal("0.000"), Decimal("10.000")),
            (fund, "admin_share", Decimal("0.200"), Decimal("0.000")),
            (admin, "admin_share", Decimal("0.000"), Decimal("0.200")),
            (fund, "gateway_fee", Decimal("0.320"), Decimal("0.000")),
            ("platform:fees", "gateway_fee", Decimal("0.000"), Decimal("0.320")),
        ]
    )
    assert initiative_raised(initiative) == Decimal("10.000")
    # Stripe retries the same event (same id, new signature): a replay, refused.
    assert _deliver(body)[1] == {"status": "duplicate"}
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1
    assert AuditLogEntry.objects.filter(action="joud.payment.confirmed").count() == 1
    ledger_seal()
    assert ledger_verify().ok


@pytest.mark.django_db
def test_bad_signature_and_stale_timestamp_are_refused(initiative, cassette, client):
    donation, attempt, _ = _start(initiative, cassette)
    body = _body()
    assert _deliver(body, secret="whsec_forged") == (400, {"error": "bad signature"})
    assert _deliver(body, timestamp=time.time() - 301) == (400, {"error": "stale timestamp"})
    tampered = body.replace(b'"amount_total": 10000', b'"amount_total": 1')
    headers = {"Stripe-Signature": _signature(body)}
    assert handle_webhook("stripe", InProcessRequest(body=tampered, headers=headers))[0] == 400
    assert handle_webhook("stripe", InProcessRequest(body=body, headers={}))[0] == 400
    response = client.post(
        "/pay/webhooks/stripe/",
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": _signature(body, secret="whsec_forged")},
    )
    assert response.status_code == 400
    assert WebhookEvent.objects.count() == 0
    assert _state(donation) == ("pending", ["created"])
    assert Transaction.objects.count() == 0
    with cassette("stripe_session_paid_expanded", **REFS):
        response = client.post(
            "/pay/webhooks/stripe/",
            data=body,
            content_type="application/json",
            headers={"Stripe-Signature": _signature(body)},
        )
    assert response.json() == {"status": "accepted"}  # and nothing more in the request
    assert _state(donation) == ("pending", ["created"])
    apply_accepted()
    assert _state(donation) == ("confirmed", ["confirmed"])


@pytest.mark.django_db
def test_amount_mismatch_is_held_and_not_credited(engine, initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette("stripe_session_paid_expanded", **REFS):
        assert _deliver(_body(amount_total=9000))[1] == {"status": "hold"}
    assert _state(donation) == ("held_for_review", ["held_for_review"])
    assert Entry.objects.count() == 0
    assert initiative_raised(initiative) == Decimal("0.000")


@pytest.mark.django_db
def test_async_payment_failed(initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    assert _deliver(_body("stripe_event_async_failed"))[1] == {"status": "fail"}
    assert _state(donation) == ("failed", ["failed"])


@pytest.mark.django_db
def test_poll_for_the_return_page(initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with scopes_disabled():
        attempt = PaymentAttempt.objects.get(pk=attempt.pk)
    with cassette("stripe_session_open_expanded", **REFS):
        assert payment_attempt_poll(attempt=attempt) == "noop"
    with cassette("stripe_session_paid_expanded", **REFS):
        assert payment_attempt_poll(attempt=attempt) == "confirm"
    assert _state(donation) == ("confirmed", ["confirmed"])
    assert Entry.objects.get(kind="gateway_fee", account__code="platform:fees").credit == Decimal(
        "0.320"
    )


def _paid(initiative, cassette):
    donation, attempt, _ = _start(initiative, cassette)
    with cassette("stripe_session_paid_expanded", **REFS):
        assert _deliver(_body())[1] == {"status": "confirm"}
    with scopes_disabled():
        donation.refresh_from_db()
    return donation


@pytest.mark.django_db
def test_partial_refund_through_stripe(initiative, cassette):
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with cassette("stripe_session_paid", "stripe_refund_ok", **REFS), scopes_disabled():
        refund = donation_refund(donation=donation, amount=Decimal("4.000"))
    assert refund.state == "done" and refund.provider_reference == "re_3QJoudRefund01"
    donation.refresh_from_db()
    assert donation.state == "partially_refunded"
    assert initiative_raised(initiative) == Decimal("6.000")
    # Stripe's charge.refunded notice afterwards is read through the refund object; it
    # matches the refund booked, and nothing is applied twice.
    with cassette("stripe_refunds_for_charge", **REFS):
        assert _deliver(_body("stripe_event_charge_refunded"))[1] == {"status": "match"}
    assert Transaction.objects.filter(kind="refund").count() == 1


@pytest.mark.django_db
def test_a_second_partial_refund_is_read_per_refund_object_not_cumulatively(initiative, cassette):
    """After 4.000 then 3.000, the charge's ``amount_refunded`` says 7.000: the notice about the
    second refund must be compared with 3.000 (the refund object), not 7.000."""
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")
    with cassette("stripe_session_paid", "stripe_refund_ok", **REFS), scopes_disabled():
        donation_refund(donation=donation, amount=Decimal("4.000"))
    with cassette("stripe_session_paid", "stripe_refund_second", **REFS), scopes_disabled():
        second = donation_refund(donation=donation, amount=Decimal("3.000"))
    assert second.state == "done" and second.amount == Decimal("3.000")
    with cassette("stripe_refunds_for_charge_second", **REFS):
        status, answer = _deliver(_body("stripe_event_charge_refunded_second"))
    assert answer == {"status": "match"}
    event = WebhookEvent.objects.get(event_id="evt_1QJoudRefunded02")
    assert event.event_type == "refund.succeeded"
    with scopes_disabled():
        assert sorted(Refund.objects.values_list("state", flat=True)) == ["done", "done"]
        donation.refresh_from_db()
    assert donation.refunded_amount == Decimal("7.000")
    assert initiative_raised(initiative) == Decimal("3.000")


@pytest.mark.django_db
def test_a_refund_notice_with_another_amount_holds_the_refund(initiative, cassette):
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")
    with cassette("stripe_session_paid", "stripe_refund_ok", **REFS), scopes_disabled():
        donation_refund(donation=donation, amount=Decimal("4.000"))
    # The notice names R1 (4.000 booked) but its refund object says 3.000.
    payload = json.loads(_body("stripe_event_charge_refunded_second"))
    payload["data"]["object"]["refunds"] = {
        "object": "list",
        "data": [
            {
                "id": "re_3QJoudRefund01",
                "object": "refund",
                "amount": 3000,
                "created": 1764152000,
                "currency": "omr",
                "payment_intent": "pi_3QJoudPaid0001",
                "status": "succeeded",
                "metadata": {"attempt": ATTEMPT, "reference": f"{DONATION}-R1"},
            }
        ],
    }
    assert _deliver(json.dumps(payload).encode())[1] == {"status": "held"}
    with scopes_disabled():
        refund = Refund.objects.get()
    assert refund.state == "review" and refund.amount == Decimal("4.000")
    assert AuditLogEntry.objects.filter(action="joud.refund.held").count() == 1
    assert Transaction.objects.filter(kind="refund").count() == 1  # nothing posted from a notice


@pytest.mark.django_db
def test_refused_refund_changes_nothing(initiative, cassette):
    donation = _paid(initiative, cassette)
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with (
        cassette("stripe_session_paid", "stripe_refund_refused", **REFS),
        scopes_disabled(),
        pytest.raises(BusinessError) as info,
    ):
        donation_refund(donation=donation)
    assert "charged back" in str(info.value)
    with scopes_disabled():
        assert Refund.objects.get().state == "failed"
    assert Transaction.objects.filter(kind="refund").count() == 0
    assert initiative_raised(initiative) == Decimal("10.000")


@pytest.mark.django_db
def test_refund_not_in_ten_baisa_steps_is_refused_without_calling_stripe(initiative, cassette):
    donation = _paid(initiative, cassette)
    with cassette(), scopes_disabled(), pytest.raises(BusinessError):
        donation_refund(donation=donation, amount=Decimal("1.005"))
    assert Transaction.objects.filter(kind="refund").count() == 0


@pytest.mark.django_db
def test_dispute_becomes_a_chargeback_once(initiative, cassette):
    donation = _paid(initiative, cassette)
    body = _body("stripe_event_dispute_created")
    with cassette("stripe_sessions_by_intent", **REFS):
        assert _deliver(body)[1] == {"status": "chargeback"}
    assert _deliver(body)[1] == {"status": "duplicate"}
    with scopes_disabled():
        chargeback = Chargeback.objects.get()
        donation.refresh_from_db()
    assert chargeback.provider_reference == "du_1QJoudDispute01"
    assert chargeback.amount == Decimal("10.000")
    assert donation.state == "refunded"
    assert initiative_raised(initiative) == Decimal("0.000")


@pytest.mark.django_db
def test_without_a_webhook_secret_nothing_is_accepted(initiative, cassette, settings):
    """An empty secret would let anyone sign events: refuse everything instead."""
    donation, attempt, _ = _start(initiative, cassette)
    settings.JOUD_STRIPE_WEBHOOK_SECRET = ""
    assert _deliver(_body(), secret="") == (400, {"error": "no webhook secret configured"})
    assert _state(donation) == ("pending", ["created"])


@pytest.mark.django_db
def test_reconciliation_reads_the_days_balance_transactions_from_stripe(initiative, cassette):
    """Without a report file, the daily reconciliation asks Stripe's API: the recorded day has
    the charge (gross and fee as booked), a 4.000 refund the ledger lacks, and a payout."""
    import datetime as dt

    from django.utils import timezone

    from joud.donations.reconciliation import Kind, reconciliation_run

    _paid(initiative, cassette)
    day = timezone.localdate()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())
    window = {"gte": int(start.timestamp()), "lt": int(start.timestamp()) + 86400}
    with cassette("stripe_balance_transactions_day", **REFS, **window):
        result = reconciliation_run("stripe", day)
    assert (result.report_payments, result.ledger_payments, result.matched) == (1, 1, 1)
    assert [
        (d.kind, d.reference, d.provider_value, d.ledger_value) for d in result.differences
    ] == [(Kind.REFUND_MISMATCH, ATTEMPT, Decimal("4.000"), Decimal("0.000"))]
    assert (
        AuditLogEntry.objects.get(action="joud.reconciliation.completed").data["differences"] == 1
    )
