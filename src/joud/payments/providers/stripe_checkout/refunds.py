"""Stripe refunds: asked per refund, read per refund object (never the charge's cumulative
``amount_refunded``)."""

from __future__ import annotations

import stripe
from django.utils.translation import gettext as _

from joud.core.money import format_money, from_minor_units
from joud.payments.base import EventType, ProviderEvent, RefundResult
from joud.payments.providers.stripe_checkout.units import _id, stripe_units, ten_baisa_neighbours


class StripeRefunds:
    """Mixed into ``StripeProvider`` (which gives ``client`` and ``_reference_for_intent``)."""

    def _newest_refund(self, charge: dict) -> dict | None:
        """The charge's latest refund object: from the event when it carries the list (older
        API versions), else ``GET /v1/refunds?charge=…&limit=1`` (newest first)."""
        listed = (charge.get("refunds") or {}).get("data")
        if not isinstance(listed, list):
            found = self.client().v1.refunds.list(params={"charge": charge["id"], "limit": 1})
            listed = [r.to_dict() for r in found.data]
        listed = [r for r in listed if isinstance(r, dict)]
        return max(listed, key=lambda r: int(r.get("created") or 0)) if listed else None

    def _refund_event(self, refund: dict, *, event_id: str, raw: str) -> ProviderEvent:
        """One refund object (its own amount and id) as Joud's refund event."""
        currency = str(refund.get("currency") or "omr").upper()
        intent = _id(refund.get("payment_intent"))
        metadata = refund.get("metadata") or {}
        return ProviderEvent(
            provider=self.identifier,
            event_id=event_id,
            type=EventType.REFUND_SUCCEEDED,
            reference=str(metadata.get("attempt") or "")
            or self._reference_for_intent(intent, None),
            provider_reference=str(refund.get("id") or ""),
            amount=from_minor_units(int(refund.get("amount") or 0), currency),
            currency=currency,
            raw_body=raw,
            data={"payment_intent": intent, "refund": str(metadata.get("reference") or "")},
        )

    def refund(self, refund) -> RefundResult:
        attempt = refund.attempt
        try:
            units = stripe_units(refund.amount, attempt.currency)
        except ValueError:
            lower, higher = ten_baisa_neighbours(refund.amount, attempt.currency)
            message = _(
                "Card refunds in Omani rials go in steps of 10 baisa: refund %(amount)s or "
                "%(higher)s instead."
            ) % {
                "amount": format_money(lower, attempt.currency),
                "higher": format_money(higher, attempt.currency),
            }
            return RefundResult(status="failed", message=str(message))
        client = self.client()
        try:
            if attempt.provider_reference.startswith("pi_"):  # an off-session charge
                intent = attempt.provider_reference
            else:
                session = client.v1.checkout.sessions.retrieve(attempt.provider_reference)
                intent = _id(session.payment_intent)
            if not intent:
                return RefundResult(
                    status="failed", message=str(_("Stripe holds no payment to refund."))
                )
            result = client.v1.refunds.create(
                params={
                    "payment_intent": intent,
                    "amount": units,
                    "metadata": {"reference": refund.reference, "attempt": attempt.reference},
                },
                options={"idempotency_key": f"joud-{refund.reference}"},
            )
        except stripe.StripeError as exc:
            message = getattr(exc, "user_message", None) or str(exc)
            return RefundResult(status="failed", message=message[:200])
        status = {"succeeded": "done", "pending": "pending", "requires_action": "pending"}.get(
            str(result.status), "failed"
        )
        refunded = getattr(result, "amount", None)
        return RefundResult(
            status=status,
            provider_reference=str(result.id),
            # The refund object's own amount: what Stripe refunded by THIS refund.
            amount=from_minor_units(int(refunded), attempt.currency)
            if refunded is not None and status != "failed"
            else None,
            message=""
            if status != "failed"
            else str(getattr(result, "failure_reason", None) or ""),
        )
