"""A gateway's conformance check, for operators before going live (``manage.py gateway_check``).

Against the gateway's TEST environment, with the operator's test keys, through the same adapter
code the platform runs:

1. checkout: open a hosted checkout session for a small amount and print its URL;
2. payment: the operator pays it with one of the gateway's test cards; the check polls the
   session's status (the periodic poll's own call) until it is paid or the wait runs out;
3. webhook: the gateway's event about that payment reached this site and its signature
   verified (only verified events are stored); for Thawani, also which key signs a captured
   sample delivery (``JOUD_THAWANI_WEBHOOK_SAMPLE``);
4. refund: a partial refund, and the amount the gateway says it refunded against the one asked.

The check writes no donation, attempt or ledger row: the payment is a stand-in object with a
reference of its own (``JD-CHK…``), so a webhook about it is recorded and found unknown.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings

from joud.core.money import quantize
from joud.payments.base import BasePaymentProvider, EventType
from joud.payments.checks import thawani_signing_key
from joud.payments.providers.common import absolute_url
from joud.payments.registry import get_provider
from joud.payments.selectors import webhook_event_received

THAWANI_TEST_HOST = "uatcheckout.thawani.om"
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class Step:
    name: str
    ok: bool
    detail: str


@dataclass
class CheckRun:
    provider: str
    steps: list[Step] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.steps.append(Step(name, ok, detail))
        return ok


def live_keys_problem(provider_id: str) -> str | None:
    """Why the configured keys look like a LIVE environment (the check never runs there)."""
    if provider_id == "thawani" and THAWANI_TEST_HOST not in settings.JOUD_THAWANI_BASE_URL:
        return "JOUD_THAWANI_BASE_URL is not Thawani's test environment (uatcheckout)."
    if provider_id == "stripe" and not settings.JOUD_STRIPE_SECRET_KEY.startswith(
        ("sk_test_", "rk_test_")
    ):
        return "JOUD_STRIPE_SECRET_KEY is not a test key (sk_test_…)."
    return None


def new_reference() -> str:
    return "JD-CHK" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4)) + "-P1"


def gateway_check(
    provider_id: str,
    *,
    amount: Decimal = Decimal("1.000"),
    refund_amount: Decimal | None = None,
    reference: str | None = None,
    return_url: str = "/",
    wait_seconds: float = 300,
    interval: float = 5,
    say: Callable[[str], None] = print,
    sleep: Callable[[float], None] | None = None,
) -> CheckRun:
    run = CheckRun(provider_id)
    sleep = sleep or time.sleep
    interval = max(interval, 0.1)  # the waits below always end
    provider: BasePaymentProvider | None = get_provider(provider_id)
    if provider is None:
        run.add("provider", False, f"{provider_id} is not in JOUD_PAYMENT_PROVIDERS")
        return run
    problem = live_keys_problem(provider_id)
    if problem:
        run.add("test keys", False, problem)
        return run
    amount = quantize(amount)
    reference = reference or new_reference()
    attempt = SimpleNamespace(
        reference=reference, amount=amount, currency="OMR", provider_reference="", donation=None
    )
    try:
        url = provider.start_payment(attempt, return_url=absolute_url(return_url))
    except Exception as exc:  # the operator is told what failed, whatever it was
        run.add("checkout", False, f"{exc.__class__.__name__}: {exc}")
        return run
    run.add("checkout", True, f"session {attempt.provider_reference}")
    say(f"Pay {amount} OMR with a test card: {url}")

    event, waited = None, 0.0
    while True:
        event = provider.poll(attempt)
        if event is not None and event.type == EventType.PAYMENT_SUCCEEDED:
            break
        if waited >= wait_seconds:
            event = None
            break
        sleep(interval)
        waited += interval
    if not run.add(
        "status poll",
        event is not None,
        f"paid {event.amount} {event.currency}, fee {event.fee}"
        if event
        else f"not paid after {wait_seconds:g} s",
    ):
        return run
    # The gateway's webhook may come a little after its status says paid.
    while not (received := webhook_event_received(provider_id, reference)) and (
        waited < wait_seconds
    ):
        sleep(interval)
        waited += interval
    endpoint = absolute_url(f"/pay/webhooks/{provider_id}/")
    run.add(
        "webhook",
        received,
        "a verified event arrived"
        if received
        else f"no verified event for {reference}: check the webhook URL {endpoint} and its key",
    )
    if provider_id == "thawani":
        _thawani_sample(run)
    asked = quantize(refund_amount if refund_amount is not None else amount / 2)
    refund = SimpleNamespace(
        reference=reference.rsplit("-P", 1)[0] + "-R1",
        amount=asked,
        reason="Joud gateway check",
        attempt=attempt,
    )
    result = provider.refund(refund)
    if result.status == "failed":
        run.add("partial refund", False, f"refused: {result.message}")
    elif result.amount is None:
        run.add("partial refund", False, f"asked {asked}; the gateway did not say how much")
    else:
        run.add(
            "partial refund",
            result.amount == asked,
            f"asked {asked}, the gateway refunded {result.amount} ({result.status})",
        )
    return run


def _thawani_sample(run: CheckRun) -> None:
    if not settings.JOUD_THAWANI_WEBHOOK_SAMPLE:
        run.add("signing key", True, f"{settings.JOUD_THAWANI_SIGNING_KEY} (no sample to check)")
        return
    errors = thawani_signing_key()
    run.add(
        "signing key",
        not errors,
        errors[0].msg if errors else f"{settings.JOUD_THAWANI_SIGNING_KEY} verifies the sample",
    )
