"""The sandbox's hosted checkout: the payer's choice, then the webhooks it causes."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from joud.core.money import quantize
from joud.payments.providers.sandbox.events import OUTCOME_EVENTS, build_event, sandbox_fee
from joud.payments.providers.sandbox.tasks import schedule_delivery


class CheckoutForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What should the bank answer?"),
        choices=[
            ("succeeded", _("Payment succeeds")),
            ("failed", _("Payment fails")),
            ("pending", _("Leave it pending")),
        ],
        initial="succeeded",
        widget=forms.RadioSelect,
    )
    duplicates = forms.IntegerField(
        label=_("Send each notification this many times"), min_value=1, max_value=5, initial=1
    )
    delay = forms.IntegerField(
        label=_("Delay notifications by (seconds)"), min_value=0, max_value=120, initial=0
    )
    reorder = forms.BooleanField(label=_("Send notifications out of order"), required=False)
    wrong_amount = forms.BooleanField(
        label=_("Report a different amount (to test the review hold)"), required=False
    )


def complete(
    charge,
    *,
    outcome: str,
    duplicates: int = 1,
    delay: int = 0,
    reorder: bool = False,
    wrong_amount: bool = False,
) -> list[bytes]:
    """Record the payer's choice at the "gateway" and send the webhooks it causes."""
    charge.status = outcome
    if wrong_amount:  # the "gateway" captured something else than it was asked to
        charge.amount = quantize(charge.amount + Decimal("1"))
    charge.fee = sandbox_fee(charge.amount) if outcome == "succeeded" else Decimal(0)
    charge.save(update_fields=["status", "amount", "fee", "updated_at"])
    bodies = [build_event(charge, t) for t in OUTCOME_EVENTS[outcome]]
    if reorder:
        bodies.reverse()
    sends = [b for b in bodies for _ in range(duplicates)]
    for body in sends:
        schedule_delivery(body.decode(), delay=delay)
    return sends
