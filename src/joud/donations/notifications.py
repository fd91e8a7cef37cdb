"""The messages giving sends: the gift card, the donor's thank-you, the refund notice, and the
news of a scheduled gift.

Their bodies are built inside the reader's language (``core.notify`` calls them there): the
gift's title, the donor's shown name and the amounts are worded for the reader, not the sender.
Each context carries the object the message is about.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop

from joud.core.money import format_money
from joud.core.notify import event


def _gift_card(context: Mapping[str, Any]) -> str:
    donation = context["donation"]
    body = gettext(
        "Dear %(recipient)s, %(giver)s has given a donation on your behalf to "
        "“%(target)s” through Joud. May it be accepted."
    ) % {
        "recipient": donation.gift_recipient_name,
        "giver": donation.public_name,
        "target": donation.target_title,
    }
    if donation.dedication:
        body += "\n" + gettext("Their words: %(dedication)s") % {"dedication": donation.dedication}
    return body


GIFT_CARD = event(
    "donations.gift_card",
    subject=gettext_noop("A donation was given on your behalf"),
    body=_gift_card,
)


def thank_you_text(donation) -> str:
    return gettext("Thank you: your gift of %(amount)s to “%(target)s” is confirmed.") % {
        "amount": format_money(donation.amount),
        "target": donation.target_title,
    }


THANK_YOU = event(
    "donations.thank_you",
    subject=gettext_noop("Your donation receipt"),
    body=lambda context: (
        thank_you_text(context["donation"])
        + "\n"
        + gettext("Your receipt: %(url)s") % {"url": context["receipt_url"]}
    ),
)

REFUND_NOTICE = event(
    "donations.refund_notice",
    subject=gettext_noop("Your refund"),
    body=lambda context: (
        gettext(
            "%(amount)s of your gift %(reference)s has been refunded. Cancellation receipt: %(url)s"
        )
        % {
            "amount": format_money(context["refund"].amount),
            "reference": context["refund"].donation.reference,
            "url": context["receipt_url"],
        }
    ),
)


def _with_plan_link(source: str) -> Callable[[Mapping[str, Any]], str]:
    """A scheduled gift's news, then the link to pause or cancel the plan."""

    def body(context: Mapping[str, Any]) -> str:
        values = {k: str(v) for k, v in context.items()}
        text = gettext(source) % values
        return text + "\n" + gettext("Pause or cancel: %(url)s") % {"url": values["manage_url"]}

    return body


PLAN_CHARGE_REFUSED = event(
    "donations.plan_charge_refused",
    subject=gettext_noop("Your scheduled gift"),
    body=_with_plan_link(gettext_noop("We could not take your scheduled gift: %(reason)s")),
)

PLAN_PAY_LINK = event(
    "donations.plan_pay_link",
    subject=gettext_noop("Your scheduled gift"),
    body=_with_plan_link(
        gettext_noop("Your scheduled gift of %(amount)s is due. Pay it here: %(url)s")
    ),
)

PLAN_CHARGE_RETRIED = event(
    "donations.plan_charge_retried",
    subject=gettext_noop("Your scheduled gift"),
    body=_with_plan_link(gettext_noop("Your scheduled gift failed; we are trying again.")),
)
