"""The payment provider interface (after pretix's ``BasePaymentProvider``).

A provider is a class with an ``identifier``, listed in ``settings.JOUD_PAYMENT_PROVIDERS`` (see
``joud.payments.registry``). It talks to its gateway and reports what happened ONLY by returning
``ProviderEvent``s (from a verified webhook or a poll); donations applies them
(``joud.donations.webhooks``, ``payment_event_apply``). Payments knows nothing of donations and
never writes donation, attempt or ledger rows. Card data never reaches Joud: payers pay on the
gateway's hosted page.

Writing a new provider (thawani, stripe, …):

1. ``providers/<name>/provider.py`` with a subclass of ``BasePaymentProvider``; add it to
   ``PROVIDER_CLASSES`` in registry.py (or list its dotted path in the setting).
2. ``start_payment(attempt, return_url=...)``: create the gateway's checkout session for
   ``attempt.amount``/``attempt.currency`` (minor units: ``joud.core.money.to_minor_units``), put
   ``attempt.reference`` in the session's metadata/client reference, set
   ``attempt.provider_reference`` to the session id (the caller saves it) and return the URL of
   the hosted page to redirect the payer to.
3. ``parse_and_verify_webhook(request)``: check the signature over the RAW body (constant-time
   compare) and the timestamp (refuse older than ``WEBHOOK_TOLERANCE``), parse it, and return a
   ``ProviderEvent`` with the gateway's unique event id. Raise ``WebhookRejected`` otherwise.
   The webhook endpoint is ``/pay/webhooks/<identifier>/`` (``payments:webhook``); replays are
   refused there by the unique ``(provider, event_id)``.
4. ``poll(attempt)`` (optional): ask the gateway for the session's state; the return page uses
   it so a payer sees the result even before the webhook arrives, and the periodic job
   ``payments.poll_pending`` (``donations.services.pending``) for payments no webhook confirmed.
   Every path is race-safe.
5. ``refund(refund)``: ask the gateway to refund ``refund.amount`` of the payment
   ``refund.attempt.provider_reference``; return a ``RefundResult`` with the amount the gateway
   says it refunded (read from its answer, never copied from the request).
6. ``charge_saved_method(attempt, saved)`` and ``saved_method_for(attempt)`` (optional):
   recurring giving without the payer present. A recurring plan's checkout is opened with
   ``attempt.save_payment_method`` set: keep the card for later charges if the gateway can.
7. ``settlement.py`` in the provider's package: the gateway's settlement report as a
   ``joud.payments.settlement.ProviderReport``, for the daily reconciliation.
8. Tests: record the gateway's HTTP exchanges and replay them with the network blocked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Protocol


class EventType:
    PAYMENT_PENDING = "payment.pending"
    PAYMENT_SUCCEEDED = "payment.succeeded"
    PAYMENT_FAILED = "payment.failed"
    REFUND_SUCCEEDED = "refund.succeeded"
    CHARGEBACK_OPENED = "chargeback.opened"

    PAYMENT_OUTCOMES = {
        PAYMENT_PENDING: "pending",
        PAYMENT_SUCCEEDED: "succeeded",
        PAYMENT_FAILED: "failed",
    }


WEBHOOK_TOLERANCE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class ProviderEvent:
    """What a gateway told us, in Joud's terms."""

    provider: str
    event_id: str  # the gateway's unique id of this event ("" for a poll result)
    type: str  # an EventType value
    reference: str  # our attempt reference, JD-7F3K2-P1
    provider_reference: str = ""
    amount: Decimal | None = None
    currency: str = "OMR"
    fee: Decimal = Decimal("0.000")
    raw_body: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def outcome(self) -> str | None:
        return EventType.PAYMENT_OUTCOMES.get(self.type)


@dataclass(frozen=True)
class RefundResult:
    status: str  # "done" | "pending" | "failed"
    provider_reference: str = ""
    message: str = ""
    # What the gateway says it refunded (None: it did not say). Compared with what was asked:
    # the books record this amount, never the one asked.
    amount: Decimal | None = None


class WebhookRejected(Exception):
    """The request is not a genuine, fresh event from the provider (answered with 400)."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.status = status


class WebhookRequest(Protocol):
    body: bytes
    headers: Any


class BasePaymentProvider:
    identifier: ClassVar[str] = ""
    verbose_name: ClassVar[str] = ""
    # Shown to payers; a provider may support only some currencies.
    currencies: ClassVar[tuple[str, ...]] = ("OMR",)

    def start_payment(self, attempt, *, return_url: str) -> str:
        """Create the hosted checkout for ``attempt``; return the URL to redirect the payer to."""
        raise NotImplementedError

    def parse_and_verify_webhook(self, request: WebhookRequest) -> ProviderEvent:
        raise NotImplementedError

    def poll(self, attempt) -> ProviderEvent | None:
        """The gateway's current view of ``attempt`` (None if unknown or not supported)."""
        return None

    def refund(self, refund) -> RefundResult:
        raise NotImplementedError

    def charge_saved_method(self, attempt, saved: dict | None = None) -> bool:
        """Charge ``attempt`` to the payer's saved payment method, for recurring giving.

        ``saved`` is what ``saved_method_for`` returned for an earlier payment of the plan.
        Return True if the charge was submitted (its result then arrives like any payment's:
        webhook or poll), False if the provider cannot, or the card's bank asks the cardholder
        to authenticate (the donor then gets a pay link).
        """
        return False

    def saved_method_for(self, attempt) -> dict | None:
        """The payment method a paid ``attempt`` saved for later charges (None: none)."""
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.identifier}>"
