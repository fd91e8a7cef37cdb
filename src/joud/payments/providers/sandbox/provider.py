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

from django.conf import settings
from django.db.models import F
from django.urls import reverse

from joud.core.money import quantize
from joud.payments.base import (
    WEBHOOK_TOLERANCE,
    BasePaymentProvider,
    ProviderEvent,
    RefundResult,
    WebhookRejected,
)
from joud.payments.models import SandboxCharge
from joud.payments.providers.sandbox import signing
from joud.payments.providers.sandbox.hosted import complete
from joud.payments.selectors import sandbox_charge


class SandboxProvider(BasePaymentProvider):
    identifier = "sandbox"
    verbose_name = "Sandbox"

    @property
    def secret(self) -> str:
        return settings.JOUD_SANDBOX_WEBHOOK_SECRET

    def start_payment(self, attempt, *, return_url: str) -> str:
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
        charge = sandbox_charge(attempt.reference)
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

    def charge_saved_method(self, attempt, saved: dict | None = None) -> bool:
        """The sandbox pretends every recurring donor saved a card that always works."""
        charge = SandboxCharge.objects.get(reference=attempt.reference)
        complete(charge, outcome="succeeded")
        return True

    def refund(self, refund) -> RefundResult:
        charge = sandbox_charge(refund.attempt.reference)
        if charge is None or charge.status != SandboxCharge.Status.SUCCEEDED:
            return RefundResult(status="failed", message="no captured payment to refund")
        if charge.refunded + refund.amount > charge.amount:
            return RefundResult(status="failed", message="refund exceeds the captured amount")
        SandboxCharge.objects.filter(pk=charge.pk).update(refunded=F("refunded") + refund.amount)
        return RefundResult(
            status="done",
            provider_reference="sbxr_" + secrets.token_hex(8),
            amount=refund.amount,
        )
