"""``manage.py gateway_check thawani|stripe``: the go-live conformance check (see
``joud.payments.conformance``), against the gateway's test environment with test keys."""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError

from joud.payments.conformance import gateway_check


def _amount(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise CommandError(f"not an amount: {value!r}") from exc
    if not amount.is_finite() or not Decimal("0.100") <= amount <= Decimal("100"):
        raise CommandError("amounts for the check are 0.100 to 100 OMR")
    return amount


class Command(BaseCommand):
    help = "Check a payment gateway end to end in its test environment before going live."

    def add_arguments(self, parser):
        parser.add_argument("provider", choices=["thawani", "stripe"])
        parser.add_argument("--amount", default="1.000", help="test payment, OMR")
        parser.add_argument("--refund", default=None, help="partial refund, OMR (half)")
        parser.add_argument("--wait", type=float, default=300, help="seconds to wait to be paid")
        parser.add_argument("--interval", type=float, default=5, help="seconds between polls")
        parser.add_argument("--reference", default=None, help=argparse.SUPPRESS)
        parser.add_argument("--return-url", default="/", help="where the payer lands")

    def handle(self, *args, **options):
        run = gateway_check(
            options["provider"],
            amount=_amount(options["amount"]),
            refund_amount=_amount(options["refund"]) if options["refund"] else None,
            reference=options["reference"],
            return_url=options["return_url"],
            wait_seconds=options["wait"],
            interval=options["interval"],
            say=self.stdout.write,
        )
        for step in run.steps:
            mark = self.style.SUCCESS("ok  ") if step.ok else self.style.ERROR("FAIL")
            self.stdout.write(f"{mark} {step.name}: {step.detail}")
        if not run.ok:
            raise CommandError(f"{run.provider}: not ready to go live")
        self.stdout.write(self.style.SUCCESS(f"{run.provider}: every step worked"))
