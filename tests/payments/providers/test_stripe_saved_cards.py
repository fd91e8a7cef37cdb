"""Recurring gifts on Stripe: the card saved at Checkout, charged off-session on schedule,
and the pay link when the bank asks the cardholder to authenticate (recorded exchanges)."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, PaymentAttempt, RecurringPlan
from joud.donations.recurring import recurring_charge_due, recurring_plan_create
from joud.donations.services import payment_attempt_poll
from joud.ledger.models import Transaction
from joud.ledger.selectors import initiative_raised
from joud.payments.providers.stripe_checkout.provider import StripeProvider

DONATION = "JD-STR02"
ATTEMPT = f"{DONATION}-P1"
REFS = {"donation": DONATION, "attempt": ATTEMPT}
TODAY = dt.date(2026, 12, 3)
PHONE = "+96891230001"


@contextlib.contextmanager
def _next_donation_reference(reference: str):
    field = Donation._meta.get_field("reference")
    saved = field.default
    field.default = lambda: reference
    field.__dict__.pop("_get_default", None)
    try:
        yield
    finally:
        field.default = saved
        field.__dict__.pop("_get_default", None)


def _plan(initiative):
    with scopes_disabled():
        plan = recurring_plan_create(
            organization=initiative.organization,
            target="initiative",
            initiative=initiative,
            amount=Decimal("10.000"),
            frequency="monthly",
            donor_phone=PHONE,
            today=TODAY,
        )
        RecurringPlan.objects.filter(pk=plan.pk).update(
            saved_provider="stripe",
            saved_customer="cus_QJoudSaved01",
            saved_method="pm_1QJoudSavedCard",
        )
    return plan


@pytest.fixture
def stripe_only(settings):
    settings.JOUD_PAYMENT_PROVIDERS = ["stripe"]


def test_a_plans_checkout_keeps_the_card_for_off_session_charges():
    attempt = SimpleNamespace(
        reference=ATTEMPT, amount=Decimal("10.000"), currency="OMR", save_payment_method=True
    )
    params = StripeProvider().session_params(attempt, return_url="https://joud.example/t/")
    assert params["payment_intent_data"]["setup_future_usage"] == "off_session"
    assert params["customer_creation"] == "always"
    one_off = SimpleNamespace(reference=ATTEMPT, amount=Decimal("10.000"), currency="OMR")
    params = StripeProvider().session_params(one_off, return_url="https://joud.example/t/")
    assert "setup_future_usage" not in params["payment_intent_data"]


@pytest.mark.django_db
def test_a_due_charge_is_made_off_session_on_the_saved_card(
    initiative, cassette, stripe_only, django_capture_on_commit_callbacks
):
    _plan(initiative)
    with (
        cassette("stripe_create_session_saving", "stripe_off_session_succeeded", **REFS),
        _next_donation_reference(DONATION),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert recurring_charge_due(today=TODAY) == 1
    with scopes_disabled():
        donation = Donation.objects.get(reference=DONATION)
        attempt = donation.attempts.get()
    assert donation.state == "confirmed"
    assert attempt.provider_reference == "pi_3QJoudOffSess01" and attempt.fee == Decimal("0.320")
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1
    assert initiative_raised(initiative) == Decimal("10.000")
    assert not OutboxMessage.objects.filter(to=PHONE, body__contains="checkout.stripe.com").exists()


@pytest.mark.django_db
def test_a_charge_that_needs_authentication_falls_back_to_a_pay_link(
    initiative, cassette, stripe_only, django_capture_on_commit_callbacks
):
    _plan(initiative)
    with (
        cassette("stripe_create_session_saving", "stripe_off_session_auth_required", **REFS),
        _next_donation_reference(DONATION),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert recurring_charge_due(today=TODAY) == 1
    with scopes_disabled():
        donation = Donation.objects.get(reference=DONATION)
        attempt = donation.attempts.get()
    # nothing charged; the attempt is the Checkout session the donor pays from the link
    assert donation.state == "pending" and attempt.state == "created"
    assert attempt.provider_reference.startswith("cs_test_")
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 0
    message = OutboxMessage.objects.filter(to=PHONE).order_by("-id").first()
    assert "https://checkout.stripe.com/c/pay/cs_test_" in message.body
    assert "joud.examplehttps" not in message.body


def test_the_card_saved_by_a_paid_checkout_is_found(cassette):
    paid = SimpleNamespace(
        provider_reference="cs_test_a1Joud7QmZL0cXfT2gk9WbYpN4sVd1rHa6Ej3uKoB8nSxC5iRyM"
    )
    with cassette("stripe_session_saved_card", **REFS):
        saved = StripeProvider().saved_method_for(paid)
    assert saved == {"customer": "cus_QJoudSaved01", "payment_method": "pm_1QJoudSavedCard"}
    # an off-session charge's attempt (a PaymentIntent) saved nothing new: no request at all
    with cassette():
        assert StripeProvider().saved_method_for(SimpleNamespace(provider_reference="pi_x")) is None


def _charged_with_lost_answer(initiative, cassette, django_capture_on_commit_callbacks):
    _plan(initiative)
    with (
        cassette(
            "stripe_create_session_saving",
            "stripe_off_session_timeout",
            "stripe_intents_of_customer_none",
            **REFS,
        ),
        _next_donation_reference(DONATION),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert recurring_charge_due(today=TODAY) == 1
    with scopes_disabled():
        return PaymentAttempt.objects.select_related("donation").get(reference=ATTEMPT)


@pytest.mark.django_db
def test_a_charge_whose_answer_is_lost_sends_no_pay_link_and_is_verified_later(
    initiative, cassette, stripe_only, django_capture_on_commit_callbacks
):
    attempt = _charged_with_lost_answer(initiative, cassette, django_capture_on_commit_callbacks)
    # Stripe may have charged the card: no second way to pay, the attempt awaits verification.
    assert attempt.provider_reference == "verify:cus_QJoudSaved01"
    assert attempt.donation.state == "pending" and attempt.state == "created"
    assert not OutboxMessage.objects.filter(to=PHONE, body__contains="checkout.stripe.com").exists()
    # The poll finds the PaymentIntent the lost request created (by our reference): paid once.
    with cassette("stripe_intents_of_customer_found", **REFS), scopes_disabled():
        payment_attempt_poll(attempt=attempt)
    with scopes_disabled():
        attempt.refresh_from_db()
        assert attempt.donation.state == "confirmed" and attempt.fee == Decimal("0.320")
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 1
    assert initiative_raised(initiative) == Decimal("10.000")


@pytest.mark.django_db
def test_a_lost_charge_that_stripe_never_made_fails_after_the_wait(
    initiative, cassette, stripe_only, django_capture_on_commit_callbacks
):
    attempt = _charged_with_lost_answer(initiative, cassette, django_capture_on_commit_callbacks)
    with cassette("stripe_intents_of_customer_none", **REFS), scopes_disabled():
        payment_attempt_poll(attempt=attempt)  # too early to conclude anything
        attempt.refresh_from_db()
        assert attempt.state == "created"
        PaymentAttempt.objects.filter(pk=attempt.pk).update(
            updated_at=timezone.now() - dt.timedelta(minutes=11)
        )
        attempt.refresh_from_db()
        payment_attempt_poll(attempt=attempt)
        attempt.refresh_from_db()
    assert attempt.state == "failed" and attempt.donation.state == "failed"
    assert Transaction.objects.filter(reference=ATTEMPT).count() == 0
