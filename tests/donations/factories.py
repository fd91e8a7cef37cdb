"""Helpers to make donations the way the product does (through the services)."""

from __future__ import annotations

import json
import secrets
import time
from decimal import Decimal

from django.conf import settings

from joud.core.tenancy import scopes_disabled
from joud.donations import services
from joud.donations.webhooks import InProcessRequest, handle_webhook
from joud.ledger import accounts
from joud.ledger.services import ledger_deposit
from joud.payments.base import ProviderEvent
from joud.payments.models import SandboxCharge, WebhookEvent
from joud.payments.providers.sandbox import signing
from joud.payments.providers.sandbox.hosted import complete


def make_donation(*, initiative=None, organization=None, amount="10.000", target=None, **kw):
    organization = organization or initiative.organization
    target = target or ("initiative" if initiative is not None else "general")
    with scopes_disabled():
        donation = services.donation_create(
            organization=organization,
            target=target,
            initiative=initiative,
            amount=Decimal(amount),
            **kw,
        )
        attempt, _url = services.payment_attempt_start(
            donation=donation, return_url=f"/give/thanks/{donation.reference}/"
        )
    return donation, attempt


def event_body(
    attempt,
    event_type="payment.succeeded",
    *,
    amount=None,
    currency="OMR",
    fee="0.150",
    event_id=None,
) -> bytes:
    payload = {
        "id": event_id or "evt_" + secrets.token_hex(8),
        "type": event_type,
        "created": int(time.time()),
        "data": {
            "reference": attempt.reference,
            "session_id": attempt.provider_reference,
            "amount": str(attempt.amount if amount is None else amount),
            "currency": currency,
            "fee": fee,
        },
    }
    return json.dumps(payload).encode()


def signed_headers(body: bytes, *, secret=None, timestamp=None) -> dict:
    secret = secret or settings.JOUD_SANDBOX_WEBHOOK_SECRET
    return {signing.HEADER: signing.sign(body, secret, timestamp)}


def deliver(body: bytes, **kw) -> tuple[int, dict]:
    """The gateway delivers ``body``; once the webhook has accepted it, the consumer applies it.
    The answer then says what applying did (``confirm``, ``hold``, …) instead of ``accepted``;
    ``accept`` alone is ``handle_webhook``."""
    return applied(
        handle_webhook("sandbox", InProcessRequest(body=body, headers=signed_headers(body, **kw)))
    )


def applied(answer: tuple[int, dict]) -> tuple[int, dict]:
    """The webhook's (status, payload); if it accepted an event, the consumer applies it and the
    payload says what applying did."""
    status, payload = answer
    if payload.get("status") != "accepted":
        return answer
    pk = WebhookEvent.objects.filter(processed_at__isnull=True).latest("id").pk
    services.accepted_events_apply()
    return status, {"status": WebhookEvent.objects.get(pk=pk).result}


def apply_accepted(body: bytes | None = None) -> str:
    """Run the consumer until nothing waits; what it did with the event of ``body``, if given."""
    services.accepted_events_apply()
    if body is None:
        return ""
    event_id = json.loads(body)["id"]
    return WebhookEvent.objects.get(provider="sandbox", event_id=event_id).result


def post_webhook(client, body: bytes, **kw):
    headers = signed_headers(body, **kw)
    return client.post(
        "/pay/webhooks/sandbox/",
        data=body,
        content_type="application/json",
        headers=headers,
    )


def succeeded_event(attempt, **kw) -> ProviderEvent:
    return ProviderEvent(
        provider="sandbox",
        event_id=kw.pop("event_id", "evt_" + secrets.token_hex(8)),
        type="payment.succeeded",
        reference=attempt.reference,
        amount=attempt.amount,
        currency="OMR",
        fee=Decimal(kw.pop("fee", "0.150")),
        **kw,
    )


def pay(attempt, outcome: str = "succeeded", **kw) -> None:
    """The payer's choice on the sandbox's hosted page (webhooks delivered in-process)."""
    complete(SandboxCharge.objects.get(reference=attempt.reference), outcome=outcome, **kw)
    services.accepted_events_apply()  # the consumer, in a moment


def general_fund_holds(organization, amount: str):
    """The organization pays ``amount`` of its own money into its general fund (not through a
    gateway): refunds need it for the gateway fee and for money already spent
    (joud/ledger/services/reversals.py). Returns the general fund's ledger account."""
    general = accounts.general_account(organization)
    ledger_deposit(account=general, amount=Decimal(amount), reference="DEP-" + secrets.token_hex(4))
    return general
