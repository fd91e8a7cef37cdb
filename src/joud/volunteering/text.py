"""How volunteering writes moments and shifts into messages, and tidies typed names."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from joud.core.dates import format_moment, format_time


def local_moment(moment: dt.datetime) -> str:
    """The date (Hijri and Gregorian) and time, in the active language's digits."""
    return format_moment(moment)


def clock_time(moment: dt.datetime) -> str:
    return format_time(timezone.localtime(moment))


def shift_label(shift) -> str:
    return f"«{shift.opportunity.title}» {local_moment(shift.starts_at)}"


def clean_text(value: str) -> str:
    return " ".join((value or "").split())
