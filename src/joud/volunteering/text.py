"""How volunteering writes moments and shifts into messages, and tidies typed names."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format, time_format


def local_moment(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local.date(), 'SHORT_DATE_FORMAT')} {time_format(local.time(), 'H:i')}"


def clock_time(moment: dt.datetime) -> str:
    return time_format(timezone.localtime(moment).time(), "H:i")


def shift_label(shift) -> str:
    return f"«{shift.opportunity.title}» {local_moment(shift.starts_at)}"


def clean_text(value: str) -> str:
    return " ".join((value or "").split())
