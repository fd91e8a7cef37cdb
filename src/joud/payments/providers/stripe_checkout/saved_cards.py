"""Recurring gifts on Stripe: the card saved at the first Checkout, charged off-session after.

- The plan's checkout sets ``payment_intent_data.setup_future_usage = "off_session"`` and
  ``customer_creation = "always"`` (Stripe: "Save payment details during payment"), so the
  paid session leaves a Customer and a PaymentMethod (``saved_method``).
- A due charge creates a PaymentIntent with ``off_session=true, confirm=true`` for that customer
  and method (Stripe: "Charge the saved payment method later"), with our reference in its
  metadata. Stripe answers at once: succeeded or processing (the result then comes as
  ``payment_intent.succeeded``/``payment_failed`` or the poll), or a card error; with
  ``authentication_required`` the cardholder must be present, so the donor gets a pay link.
- Only a definite refusal (a card error) sends the pay link. When the answer is lost (a timeout,
  a dropped connection, a server error) the card may have been charged: the attempt is marked
  "pending verification" (``provider_reference`` = ``verify:<customer>``) and no link is sent.
  The intent is then looked up by our reference among the customer's PaymentIntents (the list
  is read-after-write consistent; search is not): found, it settles the attempt like any poll;
  still absent once ``VERIFY_AFTER`` has passed, nothing was charged and the attempt fails
  (the plan's retry makes a new attempt, with a new idempotency key).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import stripe
from django.utils import timezone

from joud.core.money import from_minor_units
from joud.payments.base import EventType, ProviderEvent
from joud.payments.providers.stripe_checkout.units import _id, stripe_units

OFF_SESSION_FLAG = "off_session"  # in the intent's metadata: an intent we created ourselves
INTENT_EXPAND = ["latest_charge.balance_transaction"]
VERIFY_PREFIX = "verify:"  # an off-session charge whose outcome was lost: look it up
VERIFY_AFTER = dt.timedelta(minutes=10)  # an intent still absent by then was never created
VERIFY_LOOKBACK = 20  # the customer's latest PaymentIntents searched for our reference
TAKEN = ("succeeded", "processing")
VERIFIED_STATUS_EVENTS = {
    "succeeded": EventType.PAYMENT_SUCCEEDED,
    "canceled": EventType.PAYMENT_FAILED,
    "requires_payment_method": EventType.PAYMENT_FAILED,
}


def session_saving(params: dict) -> dict:
    """Checkout parameters that keep the card for the plan's next charges."""
    params["payment_intent_data"] = {
        **params.get("payment_intent_data", {}),
        "setup_future_usage": "off_session",
    }
    params["customer_creation"] = "always"
    return params


def saved_method(client: stripe.StripeClient, session_id: str) -> dict | None:
    """The customer and payment method a paid Checkout Session saved for off-session use."""
    session = client.v1.checkout.sessions.retrieve(
        session_id, params={"expand": ["payment_intent"]}
    ).to_dict()
    intent = session.get("payment_intent")
    if not isinstance(intent, dict) or intent.get("setup_future_usage") != "off_session":
        return None
    customer, method = _id(session.get("customer")), _id(intent.get("payment_method"))
    if not customer or not method:
        return None
    return {"customer": customer, "payment_method": method}


def charge_off_session(client: stripe.StripeClient, attempt, saved: dict, units: int) -> bool:
    """Submit the charge; True when Stripe took it (``attempt.provider_reference`` is then the
    PaymentIntent), False when the cardholder must authenticate or the card was refused."""
    metadata = {"reference": attempt.reference, OFF_SESSION_FLAG: "true"}
    try:
        created = client.v1.payment_intents.create(
            params={
                "amount": units,
                "currency": attempt.currency.lower(),
                "customer": saved["customer"],
                "payment_method": saved["payment_method"],
                "off_session": True,
                "confirm": True,
                "metadata": metadata,
            },
            options={"idempotency_key": f"joud-{attempt.reference}-off-session"},
        )
        intent = created.to_dict()
    except stripe.CardError:
        # authentication_required, card_declined, expired_card…: the pay link follows.
        return False
    except stripe.StripeError:
        # The answer was lost, not the charge: never offer a second way to pay before we know.
        found = find_intent(client, saved["customer"], attempt.reference)
        if found is None:
            attempt.provider_reference = f"{VERIFY_PREFIX}{saved['customer']}"[:120]
            return True
        intent = found
    if intent.get("status") not in TAKEN:
        return False
    attempt.provider_reference = intent["id"]
    return True


def find_intent(client: stripe.StripeClient, customer: str, reference: str) -> dict | None:
    """The customer's PaymentIntent carrying our attempt reference (None: none, or Stripe did
    not answer)."""
    try:
        listed = client.v1.payment_intents.list(
            params={"customer": customer, "limit": VERIFY_LOOKBACK}
        )
    except stripe.StripeError:
        return None
    for intent in listed.data:
        intent = intent.to_dict()
        if (intent.get("metadata") or {}).get("reference") == reference:
            return intent
    return None


def intent_fields(intent: dict) -> dict:
    """What a PaymentIntent says about a payment: reference, amount, currency, fee."""
    currency = str(intent.get("currency") or "omr").upper()
    charge = intent.get("latest_charge")
    txn = charge.get("balance_transaction") if isinstance(charge, dict) else None
    fee = None
    if isinstance(txn, dict) and str(txn.get("currency") or "").upper() == currency:
        fee = from_minor_units(int(txn.get("fee") or 0), currency)
    return {
        "reference": str((intent.get("metadata") or {}).get("reference") or ""),
        "amount": from_minor_units(
            int(intent.get("amount_received") or intent["amount"]), currency
        ),
        "currency": currency,
        "fee": fee,
    }


class StripeSavedCards:
    """Mixed into ``StripeProvider`` (which gives ``client`` and ``identifier``)."""

    def saved_method_for(self, attempt) -> dict | None:
        if not attempt.provider_reference.startswith("cs_"):
            return None
        try:
            return saved_method(self.client(), attempt.provider_reference)
        except stripe.StripeError:
            return None

    def charge_saved_method(self, attempt, saved: dict | None = None) -> bool:
        if not saved:
            return False
        try:
            units = stripe_units(attempt.amount, attempt.currency)
        except ValueError:
            return False
        return charge_off_session(self.client(), attempt, saved, units)

    def verify_off_session(self, attempt, now: dt.datetime | None = None) -> ProviderEvent | None:
        """The poll of an attempt pending verification (see the module's notes)."""
        customer = attempt.provider_reference.removeprefix(VERIFY_PREFIX)
        intent = find_intent(self.client(), customer, attempt.reference)
        if intent is not None:
            mapped = VERIFIED_STATUS_EVENTS.get(str(intent.get("status")))
            return self._intent_event(intent, mapped) if mapped else None
        since = getattr(attempt, "updated_at", None)
        if since is None or (now or timezone.now()) - since < VERIFY_AFTER:
            return None
        return ProviderEvent(
            provider=self.identifier,
            event_id="",
            type=EventType.PAYMENT_FAILED,
            reference=attempt.reference,
            amount=attempt.amount,
            currency=attempt.currency,
            data={"verified": "no payment intent was created"},
        )

    def _intent_event(self, intent: dict, event_type: str, *, event_id="", raw="") -> ProviderEvent:
        if event_type == EventType.PAYMENT_SUCCEEDED and not isinstance(
            intent.get("latest_charge"), dict
        ):
            intent = (
                self.client()
                .v1.payment_intents.retrieve(intent["id"], params={"expand": INTENT_EXPAND})
                .to_dict()
            )
        fields = intent_fields(intent)
        return ProviderEvent(
            provider=self.identifier,
            event_id=event_id,
            type=event_type,
            reference=fields["reference"],
            provider_reference=str(intent.get("id") or ""),
            amount=fields["amount"],
            currency=fields["currency"],
            fee=fields["fee"] or Decimal("0.000"),
            raw_body=raw,
            data={"payment_intent": str(intent.get("id") or "")},
        )
