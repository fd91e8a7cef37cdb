"""Each anomaly's reason in plain words, in the reader's language (from its code and figures)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from joud.core.money import format_number


def kind_label(kind: str) -> str:
    return {
        "card_testing": _("Card testing"),
    }.get(kind, kind)


def _source(subject: str) -> str:
    kind, _sep, value = subject.partition(":")
    if kind == "ip":
        return _("the address %(value)s") % {"value": value}
    if kind == "session":
        return _("one browser session")
    if kind == "initiative":
        return _("one initiative")
    return subject


def describe(anomaly) -> str:
    d = anomaly.details or {}
    attempts = int(d.get("attempts", 0))
    values = {
        "attempts": format_number(attempts),
        "small": format_number(int(d.get("small", 0))),
        "declines": format_number(int(d.get("declines", 0))),
        "source": _source(anomaly.subject),
    }
    slowed = _("Checkouts from it are slowed to one every 30 seconds for half an hour.")
    if anomaly.reason == "small_attempts":
        text = ngettext(
            "%(attempts)s payment attempt in five minutes from %(source)s, %(small)s of them "
            "of one rial or less: the pattern of someone testing stolen cards.",
            "%(attempts)s payment attempts in five minutes from %(source)s, %(small)s of them "
            "of one rial or less: the pattern of someone testing stolen cards.",
            attempts,
        )
    elif anomaly.reason == "declines":
        text = ngettext(
            "%(declines)s of %(attempts)s payment attempt in five minutes from %(source)s "
            "were declined: cards that do not work being tried one after another.",
            "%(declines)s of %(attempts)s payment attempts in five minutes from %(source)s "
            "were declined: cards that do not work being tried one after another.",
            attempts,
        )
    elif anomaly.reason == "many_attempts":
        text = ngettext(
            "%(attempts)s payment attempt in five minutes from %(source)s, far more than a "
            "person gives.",
            "%(attempts)s payment attempts in five minutes from %(source)s, far more than a "
            "person gives.",
            attempts,
        )
    else:
        return anomaly.reason
    text = text % values
    if anomaly.kind == "card_testing" and not anomaly.subject.startswith("initiative:"):
        text = f"{text} {slowed}"
    return text
