"""The fixed rules of the obligations: zakat al-fitr's window (from 1 Ramadan to the Eid prayer
on 1 Shawwal, by Oman's announced month starts) and the amounts (persons x rate; meals x meal
price). Pure functions: the services and pages read them, nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.dates import hijri_month_start, to_hijri
from joud.core.money import quantize

MUSCAT = ZoneInfo("Asia/Muscat")
RAMADAN, SHAWWAL = 9, 10
# "Me and my dependants": a household, not a census. Larger numbers are a typing slip.
MAX_PERSONS = 200
# Expiations: a count of broken oaths (ten poor people fed for each) or of missed fast days.
MAX_COUNT = 1000
# The largest rate or meal price the ministry can set, in rials (a slip, not a price, above it).
MAX_PRICE = Decimal("1000")
MEALS_PER_UNIT = {"oath": 10, "fidya": 1}

RULE_TEXT = {
    "oath": _(
        "Kaffarah for a broken oath: feeding ten poor people for each oath broken, one meal each."
    ),
    "fidya": _(
        "Fidya for missed fasts (for one who cannot fast or make them up): feeding one poor "
        "person for each day missed."
    ),
}


@dataclass(frozen=True)
class FitrWindow:
    hijri_year: int
    opens: dt.datetime  # 1 Ramadan, 00:00 in Muscat
    closes: dt.datetime  # 1 Shawwal at the configured time (before the Eid prayer), in Muscat

    def contains(self, moment: dt.datetime) -> bool:
        return self.opens <= moment < self.closes


def current_moment() -> dt.datetime:
    """Now: the one clock of the obligations (tests and the demo set it)."""
    return timezone.now()


def close_time() -> dt.time:
    value = getattr(settings, "JOUD_FITR_CLOSE_TIME", dt.time(6, 30))
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def fitr_window(hijri_year: int) -> FitrWindow:
    """The collection window of ``hijri_year``: Oman's announced 1 Ramadan and 1 Shawwal (else
    the Umm al-Qura forecast), so a 29-day Ramadan closes a day earlier."""
    opens = dt.datetime.combine(hijri_month_start(hijri_year, RAMADAN), dt.time(0), MUSCAT)
    eid = hijri_month_start(hijri_year, SHAWWAL)
    return FitrWindow(hijri_year, opens, dt.datetime.combine(eid, close_time(), MUSCAT))


def open_fitr_window(moment: dt.datetime | None = None) -> FitrWindow | None:
    """The window ``moment`` (default now) falls in, or None outside Ramadan and Eid morning."""
    moment = moment or current_moment()
    year = to_hijri(moment.astimezone(MUSCAT).date())[0]
    window = fitr_window(year)
    return window if window.contains(moment) else None


def next_fitr_window(moment: dt.datetime | None = None) -> FitrWindow:
    """The window open now, or the next one to open."""
    moment = moment or current_moment()
    year = to_hijri(moment.astimezone(MUSCAT).date())[0]
    window = fitr_window(year)
    return window if moment < window.closes else fitr_window(year + 1)


def fitr_amount(persons: int, rate: Decimal) -> Decimal:
    return quantize(Decimal(persons) * rate)


def expiation_meals(kind: str, count: int) -> int:
    return MEALS_PER_UNIT[kind] * count


def expiation_amount(kind: str, count: int, meal_price: Decimal) -> Decimal:
    return quantize(Decimal(expiation_meals(kind, count)) * meal_price)
