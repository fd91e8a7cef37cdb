"""Each anomaly's reason in plain words, in the reader's language (from its code and figures)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from joud.core.money import format_money, format_number, format_percent


def kind_label(kind: str) -> str:
    return {
        "card_testing": _("Card testing"),
        "unusual_initiative": _("Unusual initiative"),
        "unusual_disbursement": _("Unusual payment out"),
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
        return _other(anomaly.reason, d) or anomaly.reason
    text = text % values
    if anomaly.kind == "card_testing" and not anomaly.subject.startswith("initiative:"):
        text = f"{text} {slowed}"
    return text


def _other(reason: str, d: dict) -> str | None:
    if reason == "unusual_money":
        return _(
            "It raised %(raised)s while initiatives of the same category and size typically "
            "raise %(typical)s (%(peers)s compared): far above its peers, worth a look at where "
            "the money comes from."
        ) % {
            "raised": format_money(d.get("raised", 0)),
            "typical": format_money(d.get("typical", 0)),
            "peers": format_number(int(d.get("peers", 0))),
        }
    if reason == "copied_story":
        return _(
            "%(share)s of its story repeats word for word the story of an earlier initiative "
            "of another organization (number %(source)s)."
        ) % {
            "share": format_percent(float(d.get("share", 0)) * 100, places=0),
            "source": format_number(int(d.get("source", 0)), grouping=False),
        }
    if reason == "under_threshold":
        return _(
            "%(payments)s round payments in 90 days just under the %(threshold)s above which "
            "the ministry must approve: payments may have been split to avoid its review."
        ) % {
            "payments": format_number(int(d.get("payments", 0))),
            "threshold": format_money(d.get("threshold", 0)),
        }
    if reason == "new_payee":
        return _(
            "A bank account first paid in the last 60 days (ending %(end)s) was paid by "
            "%(orgs)s different organizations."
        ) % {
            "end": d.get("account_end", ""),
            "orgs": format_number(int(d.get("organizations", 0))),
        }
    return None
