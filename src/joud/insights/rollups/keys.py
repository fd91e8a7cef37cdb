"""How a gift is classified: its local day, its donor, its category, its place, its channel."""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from django.conf import settings

from joud.core.dates import to_hijri

CONFIRMED_STATES = ("confirmed", "partially_refunded", "refunded")
RECURRING = "recurring"


@functools.cache
def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(local_zone()).date()


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in Muscat time, as aware datetimes."""
    zone = local_zone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=zone),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone),
    )


def donor_key(donor_id, email: str, phone: str) -> str:
    """One donor across their gifts: the account, else the email, else the mobile ("" = unknown)."""
    if donor_id:
        return f"u:{donor_id}"
    if email:
        return f"e:{email.strip().lower()}"
    if phone:
        return f"p:{phone.strip()}"
    return ""


def category_of(target: str, initiative_category: str | None, case_category: str | None) -> str:
    if initiative_category:
        return initiative_category
    if case_category:
        return f"case:{case_category}"
    return target  # "general" or "zakat"


@functools.lru_cache(maxsize=20000)
def hijri_of(day: dt.date) -> tuple[int, int, int]:
    return to_hijri(day)
