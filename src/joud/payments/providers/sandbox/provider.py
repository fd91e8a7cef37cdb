"""The sandbox gateway, shipped with Joud for the demo and the tests.

It behaves like a real hosted-checkout gateway: ``start_payment`` opens a checkout session and
returns the URL of its hosted page (/pay/sandbox/<ref>/, served by the platform); the payer
chooses succeed / fail / leave pending; the gateway then sends HMAC-signed, timestamped webhooks
through a ``django.tasks`` task with retries, and on request duplicates, delays and reorders
them, as real gateways do.
"""

from __future__ import annotations

import json
import secrets
import time
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from joud.core.money import quantize
from joud.payments.base import (
    WEBHOOK_TOLERANCE,
    BasePaymentProvider,
    EventType,
    ProviderEvent,
    RefundResult,
    WebhookRejected,
)
from joud.payments.providers.sandbox import signing

FEE_PERCENT = Decimal("1.5")  # what the sandbox "gateway" keeps, like a card fee


def sandbox_fee(amount: Decimal) -> Decimal:
    return quantize(amount * FEE_PERCENT / 100)


class SandboxProvider(BasePaymentProvider):
    identifier = "sandbox"
    verbose_name = "Sandbox"

    @property
    def secret(self) -> str:
        return settings.JOUD_SANDBOX_WEBHOOK_SECRET

    def start_payment(self, attempt, *, return_url: str) -> str:
        from joud.payments.models import SandboxCharge

        charge, _ = SandboxCharge.objects.get_or_create(
            reference=attempt.reference,
            defaults={
                "session_id": "sbx_" + secrets.token_hex(10),
                "amount": attempt.amount,
                "currency": attempt.currency,
                "return_url": return_url,
            },
        )
        attempt.provider_reference = charge.session_id
        return reverse("payments:sandbox_checkout", args=[attempt.reference])

    def parse_and_verify_webhook(self, request) -> ProviderEvent:
        body: bytes = request.body
        try:
            signing.verify(
                body,
                request.headers.get(signing.HEADER, ""),
                self.secret,
                now=time.time(),
                tolerance=WEBHOOK_TOLERANCE.total_seconds(),
            )
        except ValueError as exc:
            raise WebhookRejected(str(exc)) from exc
        try:
            payload = json.loads(body)
            data = payload["data"]
            return ProviderEvent(
                provider=self.identifier,
                event_id=str(payload["id"]),
                type=str(payload["type"]),
                reference=str(data["reference"]),
                provider_reference=str(data.get("session_id", "")),
                amount=quantize(data["amount"], data.get("currency", "OMR"))
                if data.get("amount") is not None
                else None,
                currency=str(data.get("currency", "OMR")),
                fee=quantize(data.get("fee") or "0"),
                raw_body=body.decode(),
                data=data,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise WebhookRejected(f"malformed event: {exc}") from exc

    def poll(self, attempt) -> ProviderEvent | None:
        from joud.payments.models import SandboxCharge

        charge = SandboxCharge.objects.filter(reference=attempt.reference).first()
        if charge is None or charge.status == SandboxCharge.Status.OPEN:
            return None
        return ProviderEvent(
            provider=self.identifier,
            event_id="",
            type=f"payment.{charge.status}",
            reference=charge.reference,
            provider_reference=charge.session_id,
            amount=charge.amount,
            currency=charge.currency,
            fee=charge.fee,
        )

    def charge_saved_method(self, attempt) -> bool:
        """The sandbox pretends every recurring donor saved a card that always works."""
        from joud.payments.models import SandboxCharge
        from joud.payments.providers.sandbox.hosted import complete

        charge = SandboxCharge.objects.get(reference=attempt.reference)
        complete(charge, outcome="succeeded")
        return True

    def refund(self, refund) -> RefundResult:
        from django.db.models import F

        from joud.payments.models import SandboxCharge

        charge = SandboxCharge.objects.filter(reference=refund.attempt.reference).first()
        if charge is None or charge.status != SandboxCharge.Status.SUCCEEDED:
            return RefundResult(status="failed", message="no captured payment to refund")
        if charge.refunded + refund.amount > charge.amount:
            return RefundResult(status="failed", message="refund exceeds the captured amount")
        SandboxCharge.objects.filter(pk=charge.pk).update(refunded=F("refunded") + refund.amount)
        return RefundResult(status="done", provider_reference="sbxr_" + secrets.token_hex(8))


def build_event(charge, event_type: str, *, amount: Decimal | None = None) -> bytes:
    """The JSON body of one sandbox webhook (a fresh event id each time it is built)."""
    payload = {
        "id": "evt_" + secrets.token_hex(12),
        "type": event_type,
        "created": int(time.time()),
        "data": {
            "reference": charge.reference,
            "session_id": charge.session_id,
            "amount": str(charge.amount if amount is None else amount),
            "currency": charge.currency,
            "fee": str(charge.fee),
        },
    }
    return json.dumps(payload, separators=(",", ":")).encode()


OUTCOME_EVENTS = {
    "succeeded": [EventType.PAYMENT_PENDING, EventType.PAYMENT_SUCCEEDED],
    "failed": [EventType.PAYMENT_PENDING, EventType.PAYMENT_FAILED],
    "pending": [EventType.PAYMENT_PENDING],
}
