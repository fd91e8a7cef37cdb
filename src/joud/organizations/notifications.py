"""Messages organizations receive from the platform itself, declared once (``joud.core.notify``):
the licence ends soon."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop, ngettext

from joud.core.dates import format_dual_date
from joud.core.i18n import localized
from joud.core.money import format_number
from joud.core.notify import EMAIL, SMS, event


def _licence_expiring(context: Mapping[str, Any]) -> str:
    # The count chooses the plural form; the text shows it in the reader's digits.
    days = int(context["days"])
    return (
        ngettext(
            "%(organization)s: your licence on Joud ends in %(days)s day, on %(date)s.",
            "%(organization)s: your licence on Joud ends in %(days)s days, on %(date)s.",
            days,
        )
        % {
            "organization": localized(context["name_ar"], context["name_en"]),
            "days": format_number(days),
            "date": format_dual_date(context["expires_on"]),
        }
        + " "
        + gettext(
            "From the next day it can receive no donations until the ministry renews it: apply "
            "for the renewal now."
        )
    )


LICENCE_EXPIRING = event(
    "organizations.licence_expiring",
    subject=gettext_noop("Joud: your licence ends soon"),
    body=_licence_expiring,
    channels=(SMS, EMAIL),
)
