"""The messages giving sends: the gift card, the donor's thank-you, the refund notice, and the
news of a scheduled gift.

Their bodies are built inside the reader's language (``core.notify`` calls them there): the
gift's title, the donor's shown name and the amounts are worded for the reader, not the sender.
Each context carries the object the message is about.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop

from joud.core.dates import format_dual_date
from joud.core.money import format_money
from joud.core.notify import event

# Joiners that Arabic and Persian spelling needs; every other control or format character
# (bidi overrides U+202A-U+202E, isolates U+2066-U+2069, marks, zero-width spaces) goes.
_KEPT_FORMAT = {"\u200c", "\u200d"}
_DOT = r"[.\u3002\uff0e\uff61]"  # the full stops a phone also reads as a domain's dot
_LINK = re.compile(
    r"(?:https?://|www" + _DOT + r")\S*"  # an explicit link
    r"|(?:[\w.+-]+@)?(?:[A-Za-z0-9-]+" + _DOT + r")+(?:xn--[A-Za-z0-9-]+|[A-Za-z]{2,})\b"
    r"(?:[/:?#]\S*)?",  # a bare domain (or an email address), which phones link too
    re.IGNORECASE,
)


def sms_safe_text(text: str) -> str:
    """Words that someone else wrote (a giver's name, a dedication) made safe to send to a
    third person: without links, which would let anyone send phishing from the platform's
    number for the price of the smallest gift, and without the control characters that can
    reverse how a message reads."""
    kept = []
    for char in text or "":
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category not in ("Cc", "Cf") or char in _KEPT_FORMAT:
            kept.append(char)
    without_links = _LINK.sub("", "".join(kept))
    return " ".join(without_links.split())


def _gift_card(context: Mapping[str, Any]) -> str:
    donation = context["donation"]
    body = gettext(
        "Dear %(recipient)s, %(giver)s has given a donation on your behalf to "
        "“%(target)s” through Joud. May it be accepted."
    ) % {
        "recipient": sms_safe_text(donation.gift_recipient_name),
        "giver": sms_safe_text(donation.public_name),
        "target": donation.target_title,
    }
    dedication = sms_safe_text(donation.dedication)
    if dedication:
        body += "\n" + gettext("Their words: %(dedication)s") % {"dedication": dedication}
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


def _plan_confirmed(context: Mapping[str, Any]) -> str:
    plan = context["plan"]
    target = plan.initiative.title if plan.initiative_id else plan.organization.name
    text = gettext(
        "Your scheduled gift is set up: %(amount)s, %(frequency)s, to “%(target)s”. "
        "First charge: %(first)s."
    ) % {
        "amount": format_money(plan.amount),
        "frequency": plan.get_frequency_display(),
        "target": target,
        "first": format_dual_date(plan.next_charge_on) if plan.next_charge_on else "",
    }
    if context["charging"] == "saved_card":
        how = gettext(
            "The first charge comes as a pay link by SMS; the payment company keeps the card you "
            "pay with and the next charges are taken from it."
        )
    else:
        how = gettext("On each date we send you a pay link by SMS.")
    manage = gettext("See, pause or cancel it: %(url)s") % {"url": context["manage_url"]}
    return f"{text}\n{how}\n{manage}"


PLAN_CONFIRMED = event(
    "donations.plan_confirmed",
    subject=gettext_noop("Your scheduled gift is set up"),
    body=_plan_confirmed,
)
