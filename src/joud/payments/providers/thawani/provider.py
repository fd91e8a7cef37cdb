"""Thawani Pay, Oman's payment gateway (hosted checkout session).

Flow, after Thawani's public e-commerce API:

1. ``start_payment``: ``POST /api/v1/checkout/session`` with one product (the gift, in baisa),
   a numerical ``client_reference_id`` and the customer fields the go-live review asks for
   (``checkout.py``); the payer is sent to ``<base>/pay/<session_id>?key=<publishable key>``.
2. Thawani posts webhooks (``checkout.completed``, ``payment.succeeded``/``failed``,
   ``refund.*``) signed with ``thawani-signature`` = HMAC-SHA256(body + "-" + timestamp), with
   the key ``JOUD_THAWANI_SIGNING_KEY`` names, fresh within
   ``JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS``. The event becomes a ``ProviderEvent`` for
   ``payment_event_apply``; a ``payment.*`` event is resolved through its ``checkout_invoice``
   or, lacking one, its ``payment_intent``.
3. ``poll``: ``GET /api/v1/checkout/session/<id>`` (return page and the periodic poll of
   payments nobody confirmed); a session that expired unpaid fails the attempt.
4. ``refund``: find the session's successful payment, ``POST /api/v1/refunds``; the refund's
   amount in the answer is what the books record.

Thawani's webhooks carry no event id of their own: the id we record is derived from the event
type and the object it is about, so a redelivery of the same event is recognised as a replay.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import replace
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from joud.core.money import from_minor_units, to_minor_units
from joud.payments.base import (
    BasePaymentProvider,
    EventType,
    ProviderEvent,
    RefundResult,
    WebhookRejected,
)
from joud.payments.providers.common import (
    absolute_url,
    already_recorded,
    gateway_unavailable,
    header,
    replay_event,
)
from joud.payments.providers.thawani import checkout, signing
from joud.payments.providers.thawani.checkout import CURRENCY
from joud.payments.providers.thawani.client import ThawaniClient, ThawaniError
from joud.payments.settlement import ReportError, parse_time

SESSION_STATUS_EVENTS = {
    "paid": EventType.PAYMENT_SUCCEEDED,
    "cancelled": EventType.PAYMENT_FAILED,
    "unpaid": EventType.PAYMENT_PENDING,
}
PAYMENT_EVENTS = {
    "payment.succeeded": EventType.PAYMENT_SUCCEEDED,
    "payment.failed": EventType.PAYMENT_FAILED,
    "payment.pending": EventType.PAYMENT_PENDING,
}
REFUND_EVENTS = {
    "refund.succeeded": EventType.REFUND_SUCCEEDED,
    "refund.failed": "refund.failed",  # recorded, nothing to apply
}


def _expired(session: dict) -> bool:
    expires = parse_time(str(session.get("expire_at") or ""))
    return expires is not None and expires < dt.datetime.now(dt.UTC)


class ThawaniProvider(BasePaymentProvider):
    identifier = "thawani"
    verbose_name = _("Thawani Pay")
    currencies = (CURRENCY,)

    # --- configuration -------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return settings.JOUD_THAWANI_BASE_URL.rstrip("/")

    def client(self) -> ThawaniClient:
        return ThawaniClient(base_url=self.base_url, secret_key=settings.JOUD_THAWANI_SECRET_KEY)

    def hosted_page_url(self, session_id: str) -> str:
        return f"{self.base_url}/pay/{session_id}?key={settings.JOUD_THAWANI_PUBLISHABLE_KEY}"

    # --- starting a payment --------------------------------------------------------------
    def session_request(self, attempt, *, return_url: str) -> dict:
        return checkout.session_request(attempt, url=absolute_url(return_url))

    def start_payment(self, attempt, *, return_url: str) -> str:
        try:
            session = self.client().create_session(
                self.session_request(attempt, return_url=return_url)
            )
        except ThawaniError as exc:
            raise gateway_unavailable() from exc
        attempt.provider_reference = str(session["session_id"])
        return self.hosted_page_url(attempt.provider_reference)

    # --- what Thawani tells us -----------------------------------------------------------
    def _fee_for_invoice(self, client: ThawaniClient, invoice: str) -> Decimal:
        if not invoice:
            return Decimal("0.000")
        for payment in client.payments_for_invoice(invoice):
            if payment.get("status") == "successful":
                return from_minor_units(int(payment.get("fee") or 0), CURRENCY)
        return Decimal("0.000")

    def _session_event(
        self, session: dict, *, event_id: str, event_type: str | None = None, fee=None, raw=""
    ) -> ProviderEvent:
        client = self.client()
        event_type = event_type or SESSION_STATUS_EVENTS.get(
            str(session.get("payment_status")), EventType.PAYMENT_PENDING
        )
        if fee is None:
            fee = (
                self._fee_for_invoice(client, str(session.get("invoice") or ""))
                if event_type == EventType.PAYMENT_SUCCEEDED
                else Decimal("0.000")
            )
        total = session.get("total_amount")
        currency = str(session.get("currency") or CURRENCY).upper()
        return ProviderEvent(
            provider=self.identifier,
            event_id=event_id,
            type=event_type,
            reference=checkout.attempt_reference(session),
            provider_reference=str(session.get("session_id") or ""),
            amount=from_minor_units(int(total), currency) if total is not None else None,
            currency=currency,
            fee=fee,
            raw_body=raw,
            data={"invoice": session.get("invoice"), "status": session.get("payment_status")},
        )

    @staticmethod
    def _event_id(payload: dict, event_type: str, data: dict, body: bytes) -> str:
        explicit = payload.get("id") or payload.get("event_id")
        if explicit:
            return str(explicit)[:120]
        # What the event is about; failing that, its exact content (a redelivery is identical).
        subject = (
            data.get("refund_id")
            or data.get("payment_id")
            or data.get("session_id")
            or hashlib.sha256(body).hexdigest()
        )
        digest = hashlib.sha256(f"{event_type}:{subject}".encode()).hexdigest()[:40]
        return f"thw_{digest}"

    def parse_and_verify_webhook(self, request) -> ProviderEvent:
        body: bytes = request.body
        try:
            signing.verify_any(
                body,
                header(request.headers, signing.TIMESTAMP_HEADER),
                header(request.headers, signing.SIGNATURE_HEADER),
                signing.signing_keys(),
                now=time.time(),
                tolerance=settings.JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS,
            )
        except ValueError as exc:
            raise WebhookRejected(str(exc)) from exc
        try:
            payload = json.loads(body)
            event_type = str(payload["event_type"])
            data = payload.get("data") or {}
            if not isinstance(data, dict):
                raise TypeError("data is not an object")
        except (KeyError, TypeError, ValueError) as exc:
            raise WebhookRejected(f"malformed event: {exc}") from exc
        event_id = self._event_id(payload, event_type, data, body)
        raw = body.decode()
        if already_recorded(self.identifier, event_id):
            # Seen before: the endpoint answers "duplicate"; no need to ask Thawani anything.
            return replay_event(self.identifier, event_id, raw)
        try:
            return self._event_from(event_type, data, event_id=event_id, raw=raw)
        except ThawaniError as exc:
            # Answer 503 so that Thawani delivers the event again later.
            raise WebhookRejected(f"gateway lookup failed: {exc}", status=503) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise WebhookRejected(f"malformed event: {exc}") from exc

    def _event_from(self, event_type: str, data: dict, *, event_id: str, raw: str) -> ProviderEvent:
        if event_type.startswith("checkout."):
            forced = EventType.PAYMENT_PENDING if event_type == "checkout.created" else None
            return self._session_event(data, event_id=event_id, event_type=forced, raw=raw)
        if event_type in PAYMENT_EVENTS:
            # A payment record: find what it paid (its checkout session, or its payment intent
            # for a saved card) for our reference and the amount.
            session = self._paid_object(data)
            mapped = PAYMENT_EVENTS[event_type]
            fee = (
                from_minor_units(int(data.get("fee") or 0), CURRENCY)
                if mapped == EventType.PAYMENT_SUCCEEDED
                else Decimal("0.000")
            )
            event = self._session_event(
                session, event_id=event_id, event_type=mapped, fee=fee, raw=raw
            )
            if data.get("amount") is not None:  # what was actually captured
                event = replace(event, amount=from_minor_units(int(data["amount"]), CURRENCY))
            return event
        metadata = data.get("metadata") or {}
        return ProviderEvent(
            provider=self.identifier,
            event_id=event_id,
            type=REFUND_EVENTS.get(event_type, event_type),
            reference=str(metadata.get("attempt") or "") or checkout.attempt_reference(data),
            provider_reference=str(data.get("refund_id") or data.get("payment_id") or ""),
            amount=from_minor_units(int(data["amount"]), CURRENCY)
            if data.get("amount") is not None
            else None,
            raw_body=raw,
            data={"refund": metadata.get("reference"), "status": data.get("status")},
        )

    def _paid_object(self, data: dict) -> dict:
        """The checkout session of a payment (``checkout_invoice``) or, when Thawani gives only
        ``payment_intent`` (its types mark ``checkout_invoice`` optional), the payment intent,
        shaped like a session for ``_session_event``."""
        if data.get("checkout_invoice"):
            return self.client().get_session_by_invoice(str(data["checkout_invoice"]))
        if not data.get("payment_intent"):
            raise KeyError("checkout_invoice or payment_intent")
        intent = self.client().get_payment_intent(str(data["payment_intent"]))
        return {
            "session_id": intent.get("id") or data["payment_intent"],
            "client_reference_id": intent.get("client_reference_id"),
            "metadata": intent.get("metadata") or {},
            "total_amount": intent.get("amount"),
            "currency": intent.get("currency") or CURRENCY,
            "invoice": data.get("checkout_invoice") or "",
        }

    def poll(self, attempt) -> ProviderEvent | None:
        if not attempt.provider_reference:
            return None
        try:
            session = self.client().get_session(attempt.provider_reference)
            if session.get("payment_status") in ("paid", "cancelled"):
                return self._session_event(session, event_id="")
            if _expired(session):  # nobody can pay it any more (sessions live 24 hours)
                return self._session_event(
                    session, event_id="", event_type=EventType.PAYMENT_FAILED
                )
            return None  # the payer has not finished yet
        except (ThawaniError, ReportError):
            return None  # the webhook (or the next poll) will tell us

    # --- refunds -------------------------------------------------------------------------
    def refund_request(self, refund, payment: dict) -> dict:
        body = {
            "payment_id": payment["payment_id"],
            "reason": (refund.reason or "Refund requested by the organization")[:100],
            "metadata": {"reference": refund.reference, "attempt": refund.attempt.reference},
        }
        units = to_minor_units(refund.amount, CURRENCY)
        if units != int(payment.get("amount") or 0):
            body["amount"] = units  # a partial refund
        return body

    def refund(self, refund) -> RefundResult:
        client = self.client()
        try:
            session = client.get_session(refund.attempt.provider_reference)
            payments = client.payments_for_invoice(str(session.get("invoice") or ""))
            payment = next((p for p in payments if p.get("status") == "successful"), None)
            if payment is None:
                return RefundResult(status="failed", message="no successful payment to refund")
            result = client.create_refund(self.refund_request(refund, payment))
        except ThawaniError as exc:
            return RefundResult(status="failed", message=str(exc)[:200])
        status = str(result.get("status") or "")
        if status == "failed":
            return RefundResult(status="failed", message=str(result.get("reason") or "refused"))
        refunded = result.get("amount")
        return RefundResult(
            status="done" if status in ("successful", "succeeded") else "pending",
            provider_reference=str(result.get("refund_id") or ""),
            # Thawani answers with the refund's amount: a gateway that ignored a partial
            # amount shows here as the whole payment, and the refund is held for review.
            amount=from_minor_units(int(refunded), CURRENCY) if refunded is not None else None,
        )
