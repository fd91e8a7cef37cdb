"""RFM segments and lapse risk: plain rules over a donor's recency, frequency and amount.

Recency is days since the last gift; frequency the number of gifts; amount their total. The
rules, first match wins (each one tested in tests/insights/test_donors.py):

- champion: gave in the last 90 days, 4 gifts or more, and in the organization's top fifth by amount
- loyal:    gave in the last 180 days and 2 gifts or more
- new:      one gift, in the last 90 days
- at risk:  2 gifts or more, the last 181–365 days ago
- one-off:  one gift, 91–365 days ago
- lapsed:   no gift for more than 365 days

Lapse risk (donors with 2 gifts or more): their usual gap is (last − first) / (gifts − 1);
"high" when the silence is over twice that gap, "medium" over once, else "low". One gift says
nothing about a habit: "unknown".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

CHAMPION, LOYAL, NEW, AT_RISK, ONE_OFF, LAPSED = (
    "champion", "loyal", "new", "at_risk", "one_off", "lapsed",
)  # fmt: skip
SEGMENTS = {
    CHAMPION: (_("Champions"), _("Recent, frequent and generous: thank them personally.")),
    LOYAL: (_("Loyal"), _("Gave more than once and recently: keep them informed.")),
    NEW: (_("New"), _("A first gift in the last 90 days: welcome them, show the result.")),
    AT_RISK: (_("At risk"), _("Gave several times but not for 6 to 12 months: remind them.")),
    ONE_OFF: (_("One-off"), _("A single gift 3 to 12 months ago: invite a second one.")),
    LAPSED: (_("Lapsed"), _("Nothing for more than a year: a gentle word, no pressure.")),
}
HIGH, MEDIUM, LOW, UNKNOWN = "high", "medium", "low", "unknown"
RISKS = {HIGH: _("High"), MEDIUM: _("Medium"), LOW: _("Low"), UNKNOWN: _("Not enough gifts")}


def segment(*, recency_days: int, gifts: int, amount: Decimal, top_amount: Decimal) -> str:
    if recency_days > 365:
        return LAPSED
    if recency_days <= 90 and gifts >= 4 and amount >= top_amount:
        return CHAMPION
    if recency_days <= 180 and gifts >= 2:
        return LOYAL
    if gifts == 1:
        return NEW if recency_days <= 90 else ONE_OFF
    return AT_RISK


def lapse_risk(*, first: dt.date, last: dt.date, gifts: int, today: dt.date) -> str:
    if gifts < 2:
        return UNKNOWN
    gap = max((last - first).days / (gifts - 1), 1)
    silence = (today - last).days
    if silence > 2 * gap:
        return HIGH
    if silence > gap:
        return MEDIUM
    return LOW
