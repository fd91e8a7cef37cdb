"""Stripe Checkout through the official SDK (``stripe``), identifier ``stripe``.

The package is named ``stripe_checkout`` so that ``import stripe`` always means the SDK.

- ``start_payment``: a Checkout Session in ``payment`` mode, currency ``omr``, with our attempt
  reference as ``client_reference_id`` and in the session's and the PaymentIntent's metadata.
- Webhooks are verified by ``stripe.Webhook.construct_event`` (``Stripe-Signature``: HMAC-SHA256
  over ``"<t>.<body>"``, timestamp tolerance ``WEBHOOK_TOLERANCE``) and mapped to Joud's events:
  ``checkout.session.completed`` / ``async_payment_succeeded`` / ``async_payment_failed`` /
  ``expired``, ``charge.refunded`` and ``refund.created``/``updated`` (each read per refund
  object: its own id and amount, never the charge's cumulative ``amount_refunded``),
  ``charge.dispute.created``.
- The gateway fee is read from the charge's balance transaction (when it is in OMR).
- ``refund``: ``POST /v1/refunds`` for the session's PaymentIntent; ``poll``: retrieve the session.

OMR is a three-decimal currency at Stripe: amounts are sent in baisa, but Stripe requires the
last digit to be 0 (10-baisa steps). Joud never rounds a donor's money silently: an amount that
is not a multiple of 0.010 OMR is refused before the payer leaves, and so is such a refund.
"""

from __future__ import annotations

import json
from decimal import Decimal

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from joud.core.errors import BusinessError
from joud.core.money import format_money, from_minor_units
from joud.payments.base import (
    WEBHOOK_TOLERANCE,
    BasePaymentProvider,
    EventType,
    ProviderEvent,
    WebhookRejected,
)
from joud.payments.providers.common import (
    absolute_url,
    already_recorded,
    gateway_unavailable,
    header,
    replay_event,
)
from joud.payments.providers.stripe_checkout import saved_cards
from joud.payments.providers.stripe_checkout.refunds import StripeRefunds
from joud.payments.providers.stripe_checkout.saved_cards import StripeSavedCards
from joud.payments.providers.stripe_checkout.settlement import balance_transactions_report
from joud.payments.providers.stripe_checkout.units import _id, stripe_units, ten_baisa_neighbours
from joud.payments.settlement import ProviderReport

SIGNATURE_HEADER = "Stripe-Signature"
FEE_EXPAND = ["payment_intent.latest_charge.balance_transaction"]

SESSION_EVENTS = {
    "checkout.session.async_payment_succeeded": EventType.PAYMENT_SUCCEEDED,
    "checkout.session.async_payment_failed": EventType.PAYMENT_FAILED,
    "checkout.session.expired": EventType.PAYMENT_FAILED,
}
INTENT_EVENTS = {
    "payment_intent.succeeded": EventType.PAYMENT_SUCCEEDED,
    "payment_intent.payment_failed": EventType.PAYMENT_FAILED,
}
INTENT_STATUS_EVENTS = {
    "succeeded": EventType.PAYMENT_SUCCEEDED,
    "canceled": EventType.PAYMENT_FAILED,
    "requires_payment_method": EventType.PAYMENT_FAILED,
}
PAID_STATUS_EVENTS = {
    "paid": EventType.PAYMENT_SUCCEEDED,
    "unpaid": EventType.PAYMENT_PENDING,  # an asynchronous method (bank debit…) is under way
}


class StripeProvider(StripeRefunds, StripeSavedCards, BasePaymentProvider):
    identifier = "stripe"
    verbose_name = _("Card payment (Stripe)")
    currencies = ("OMR",)

    def client(self) -> stripe.StripeClient:
        return stripe.StripeClient(
            settings.JOUD_STRIPE_SECRET_KEY,
            http_client=stripe.RequestsClient(timeout=20),
            max_network_retries=1,
        )

    # --- starting a payment --------------------------------------------------------------
    def session_params(self, attempt, *, return_url: str) -> dict:
        currency = attempt.currency.upper()
        try:
            units = stripe_units(attempt.amount, currency)
        except ValueError:
            lower, higher = ten_baisa_neighbours(attempt.amount, currency)
            raise BusinessError(
                _(
                    "Card payments can charge Omani rials only in steps of 10 baisa. "
                    "Please change your gift to %(amount)s or %(higher)s."
                )
                % {
                    "amount": format_money(lower, currency),
                    "higher": format_money(higher, currency),
                },
                code="amount",
                field="amount",
            ) from None
        url = absolute_url(return_url)
        donation_reference = attempt.reference.rsplit("-P", 1)[0]
        metadata = {"reference": attempt.reference, "donation": donation_reference}
        params = {
            "mode": "payment",
            "client_reference_id": attempt.reference,
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": currency.lower(),
                        "unit_amount": units,
                        "product_data": {"name": f"Joud donation {donation_reference}"},
                    },
                }
            ],
            "success_url": url,
            "cancel_url": url,
            "metadata": metadata,
            "payment_intent_data": {"metadata": metadata},
        }
        if getattr(attempt, "save_payment_method", False):
            params = saved_cards.session_saving(params)
        return params

    def start_payment(self, attempt, *, return_url: str) -> str:
        params = self.session_params(attempt, return_url=return_url)
        try:
            session = self.client().v1.checkout.sessions.create(
                params=params, options={"idempotency_key": f"joud-{attempt.reference}"}
            )
        except stripe.StripeError as exc:
            raise gateway_unavailable() from exc
        attempt.provider_reference = session.id
        return session.url

    # --- reading Stripe's objects --------------------------------------------------------
    def _expanded_session(self, session_id: str) -> dict:
        session = self.client().v1.checkout.sessions.retrieve(
            session_id, params={"expand": FEE_EXPAND}
        )
        return session.to_dict()

    @staticmethod
    def _fee(session: dict) -> tuple[Decimal, dict]:
        """The gateway fee in the session's currency, from the charge's balance transaction."""
        intent = session.get("payment_intent")
        charge = intent.get("latest_charge") if isinstance(intent, dict) else None
        txn = charge.get("balance_transaction") if isinstance(charge, dict) else None
        if not isinstance(txn, dict):
            return Decimal("0.000"), {}
        currency = str(txn.get("currency") or "").upper()
        if currency != str(session.get("currency") or "").upper():
            # Settled in another currency: the fee cannot be booked in OMR as is.
            return Decimal("0.000"), {"fee_currency": currency, "fee_minor": txn.get("fee")}
        return from_minor_units(int(txn.get("fee") or 0), currency), {
            "balance_transaction": txn["id"]
        }

    def _session_event(
        self, session: dict, event_type: str, *, event_id="", raw=""
    ) -> ProviderEvent:
        currency = str(session.get("currency") or "omr").upper()
        fee, extra = Decimal("0.000"), {}
        if event_type == EventType.PAYMENT_SUCCEEDED:
            # The amount is the signed event's; only the fee needs the expanded charge.
            expanded = session
            if not isinstance(session.get("payment_intent"), dict):
                expanded = self._expanded_session(session["id"])
            fee, extra = self._fee(expanded)
        total = session.get("amount_total")
        return ProviderEvent(
            provider=self.identifier,
            event_id=event_id,
            type=event_type,
            reference=str(
                session.get("client_reference_id")
                or (session.get("metadata") or {}).get("reference")
                or ""
            ),
            provider_reference=str(session.get("id") or ""),
            amount=from_minor_units(int(total), currency) if total is not None else None,
            currency=currency,
            fee=fee,
            raw_body=raw,
            data={"payment_intent": _id(session.get("payment_intent")), **extra},
        )

    def _reference_for_intent(self, payment_intent: str, metadata: dict | None) -> str:
        if metadata and metadata.get("reference"):
            return str(metadata["reference"])
        if not payment_intent:
            return ""
        sessions = self.client().v1.checkout.sessions.list(
            params={"payment_intent": payment_intent, "limit": 1}
        )
        for session in sessions.data:
            return str(session.client_reference_id or "")
        return ""

    # --- webhooks ------------------------------------------------------------------------
    def parse_and_verify_webhook(self, request) -> ProviderEvent:
        body: bytes = request.body
        if not settings.JOUD_STRIPE_WEBHOOK_SECRET:
            # Fail closed: with an empty secret anybody could sign an event.
            raise WebhookRejected("no webhook secret configured")
        try:
            stripe.Webhook.construct_event(
                body,
                header(request.headers, SIGNATURE_HEADER),
                settings.JOUD_STRIPE_WEBHOOK_SECRET,
                tolerance=int(WEBHOOK_TOLERANCE.total_seconds()),
            )
        except stripe.SignatureVerificationError as exc:
            reason = "stale timestamp" if "tolerance" in str(exc) else "bad signature"
            raise WebhookRejected(reason) from exc
        except ValueError as exc:
            raise WebhookRejected(f"malformed event: {exc}") from exc
        try:
            payload = json.loads(body)
            if already_recorded(self.identifier, str(payload["id"])):
                return replay_event(self.identifier, str(payload["id"]), body.decode())
            return self._event_from(payload, raw=body.decode())
        except stripe.StripeError as exc:
            raise WebhookRejected(f"gateway lookup failed: {exc}", status=503) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise WebhookRejected(f"malformed event: {exc}") from exc

    def _event_from(self, payload: dict, *, raw: str) -> ProviderEvent:
        event_id, kind = str(payload["id"]), str(payload["type"])
        obj = payload["data"]["object"]
        if kind == "checkout.session.completed":
            mapped = PAID_STATUS_EVENTS.get(str(obj.get("payment_status")), "stripe.ignored")
            if mapped == "stripe.ignored":
                return self._other(event_id, kind, obj, raw)
            return self._session_event(obj, mapped, event_id=event_id, raw=raw)
        if kind in SESSION_EVENTS:
            return self._session_event(obj, SESSION_EVENTS[kind], event_id=event_id, raw=raw)
        if kind in INTENT_EVENTS and (obj.get("metadata") or {}).get(saved_cards.OFF_SESSION_FLAG):
            return self._intent_event(obj, INTENT_EVENTS[kind], event_id=event_id, raw=raw)
        if kind == "charge.refunded":
            # The charge's ``amount_refunded`` is cumulative: read the newest refund object.
            refund = self._newest_refund(obj)
            if refund is None:
                return self._other(event_id, kind, obj, raw)
            return self._refund_event(refund, event_id=event_id, raw=raw)
        if kind in ("refund.created", "refund.updated"):
            if obj.get("status") != "succeeded":
                return self._other(event_id, kind, obj, raw)
            return self._refund_event(obj, event_id=event_id, raw=raw)
        if kind == "charge.dispute.created":
            currency = str(obj.get("currency") or "omr").upper()
            intent = _id(obj.get("payment_intent"))
            return ProviderEvent(
                provider=self.identifier,
                event_id=event_id,
                type=EventType.CHARGEBACK_OPENED,
                reference=self._reference_for_intent(intent, None),
                provider_reference=str(obj.get("id") or ""),
                amount=from_minor_units(int(obj.get("amount") or 0), currency),
                currency=currency,
                raw_body=raw,
                data={"payment_intent": intent, "reason": obj.get("reason")},
            )
        return self._other(event_id, kind, obj, raw)

    def _other(self, event_id: str, kind: str, obj: dict, raw: str) -> ProviderEvent:
        """Recorded (so a replay is recognised) but nothing to apply."""
        return ProviderEvent(
            provider=self.identifier,
            event_id=event_id,
            type=f"stripe.{kind}"[:60],
            reference=str(obj.get("client_reference_id") or "")[:40],
            raw_body=raw,
        )

    # --- return page ---------------------------------------------------------------------
    def poll(self, attempt) -> ProviderEvent | None:
        if not attempt.provider_reference:
            return None
        if attempt.provider_reference.startswith(saved_cards.VERIFY_PREFIX):
            try:
                return self.verify_off_session(attempt)
            except stripe.StripeError:
                return None
        if attempt.provider_reference.startswith("pi_"):  # an off-session charge
            try:
                intent = (
                    self.client()
                    .v1.payment_intents.retrieve(
                        attempt.provider_reference, params={"expand": saved_cards.INTENT_EXPAND}
                    )
                    .to_dict()
                )
            except stripe.StripeError:
                return None
            mapped = INTENT_STATUS_EVENTS.get(str(intent.get("status")))
            return self._intent_event(intent, mapped) if mapped else None
        try:
            session = self._expanded_session(attempt.provider_reference)
        except stripe.StripeError:
            return None
        if session.get("status") == "expired":
            return self._session_event(session, EventType.PAYMENT_FAILED)
        if session.get("status") != "complete":
            return None
        mapped = PAID_STATUS_EVENTS.get(str(session.get("payment_status")))
        return self._session_event(session, mapped) if mapped else None

    # --- reconciliation ------------------------------------------------------------------
    def settlement_report(self, day) -> ProviderReport:
        """The day's balance transactions from Stripe's API, as a settlement report."""
        return balance_transactions_report(self.client(), day)
