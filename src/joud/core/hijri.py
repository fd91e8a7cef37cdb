"""Oman's Hijri month starts: the ministry's announcements, read through a cache, and the one
service that records them.

Oman fixes the start of Ramadan, Shawwal and Dhu al-Hijjah by its moon-sighting committee, often
a day after Umm al-Qura. ``joud.core.dates`` asks ``month_starts()`` for the announced first days
and falls back to the Umm al-Qura forecast for every other month. When an announcement moves a
month, ``month_start_changed`` tells the apps whose schedules follow the calendar (donations'
last-ten-nights plans), once the change is committed.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

from django.apps import apps
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _
from hijridate import Hijri

from joud.core.audit import audit_log
from joud.core.errors import BusinessError

# The months whose start decides Joud's schedules (Ramadan, Eid al-Fitr, Eid al-Adha): always
# listed on the ministry's screen; any other month may be recorded too.
ANNOUNCED_MONTHS = (9, 10, 12)
# hijridate's Umm al-Qura table covers 1343–1500 AH.
FIRST_YEAR, LAST_YEAR = 1343, 1500
# Each process re-reads the table at most this often; the process that records an announcement
# forgets its copy at once, the others within this many seconds.
CACHE_SECONDS = 60

# Sent after commit with hijri_year, hijri_month, old (date) and new (date).
month_start_changed = Signal()

_lock = threading.Lock()
_cache: dict[str, object] = {"starts": None, "read_at": 0.0}


def uq_month_start(year: int, month: int) -> dt.date:
    """The Umm al-Qura forecast of a month's first day."""
    return dt.date(*Hijri(year, month, 1).to_gregorian().datetuple())


def month_starts() -> dict[tuple[int, int], dt.date]:
    """(hijri_year, hijri_month) -> the announced first day (confirmed, else expected)."""
    starts = _cache["starts"]
    if starts is not None and time.monotonic() - _cache["read_at"] < CACHE_SECONDS:
        return starts  # type: ignore[return-value]
    model = apps.get_model("core", "HijriMonthStart")
    try:
        with transaction.atomic():
            rows = list(
                model.objects.values_list(
                    "hijri_year", "hijri_month", "expected_on", "confirmed_on"
                )
            )
    except DatabaseError:
        return {}  # the table does not exist yet (migrating): the forecast, not remembered
    starts = {(y, m): confirmed or expected for y, m, expected, confirmed in rows}
    with _lock:
        _cache["starts"], _cache["read_at"] = starts, time.monotonic()
    return starts


def forget_month_starts() -> None:
    """Make the next read go to the database."""
    with _lock:
        _cache["starts"], _cache["read_at"] = None, 0.0


def use_month_starts(starts: dict[tuple[int, int], dt.date]) -> None:
    """Read these month starts instead of the table's (for tests that run without a database)."""
    with _lock:
        _cache["starts"], _cache["read_at"] = dict(starts), float("inf")


def month_start_table(years: range) -> list[dict]:
    """The announced months of ``years`` for the ministry's screen: the forecast, the expected
    and confirmed first days (None where nothing is recorded yet) and the month's length."""
    model = apps.get_model("core", "HijriMonthStart")
    rows = {(row.hijri_year, row.hijri_month): row for row in model.objects.all()}
    starts = {key: row.starts_on for key, row in rows.items()}  # fresh, not the cached copy
    table = []
    for year in years:
        recorded = {month for (y, month) in rows if y == year}
        for month in sorted(recorded | set(ANNOUNCED_MONTHS)):
            row = rows.get((year, month))
            start = _start(starts, year, month)
            table.append(
                {
                    "year": year,
                    "month": month,
                    "forecast": uq_month_start(year, month),
                    "row": row,
                    "starts_on": start,
                    "length": (_start(starts, *_neighbours(year, month)[1]) - start).days,
                }
            )
    return table


def _start(starts: dict, year: int, month: int) -> dt.date:
    return starts.get((year, month)) or uq_month_start(year, month)


def _neighbours(year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    before = (year - 1, 12) if month == 1 else (year, month - 1)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return before, after


def _validate(year: int, month: int, day: dt.date) -> None:
    if not (FIRST_YEAR < year < LAST_YEAR) or not 1 <= month <= 12:
        raise BusinessError(_("Choose a Hijri month the calendar covers."), code="month")
    forecast = uq_month_start(year, month)
    if abs((day - forecast).days) > 2:
        raise BusinessError(
            _("A month starts at most two days from its Umm al-Qura forecast."),
            code="starts_on",
            field="starts_on",
        )
    # Checked against the neighbours the ministry announced: a forecast neighbour gives way.
    announced = month_starts()
    before, after = _neighbours(year, month)
    lengths = []
    if before in announced:
        lengths.append((day - announced[before]).days)
    if after in announced:
        lengths.append((announced[after] - day).days)
    if any(length not in (29, 30) for length in lengths):
        raise BusinessError(
            _("With this date a neighbouring month would not have 29 or 30 days."),
            code="starts_on",
            field="starts_on",
        )


def hijri_month_start_announce(
    *,
    hijri_year: int,
    hijri_month: int,
    starts_on: dt.date,
    confirmed: bool,
    actor=None,
    note: str = "",
):
    """Record the committee's expected (published ahead) or confirmed (on the night) first day of
    a month. Audited; when the month's first day moves, ``month_start_changed`` is sent after
    commit so that the schedules not yet past follow it."""
    _validate(hijri_year, hijri_month, starts_on)
    model = apps.get_model("core", "HijriMonthStart")
    with transaction.atomic():
        row = (
            model.objects.select_for_update()
            .filter(hijri_year=hijri_year, hijri_month=hijri_month)
            .first()
        )
        old = row.starts_on if row else uq_month_start(hijri_year, hijri_month)
        if row is None:
            row = model(hijri_year=hijri_year, hijri_month=hijri_month, expected_on=starts_on)
        elif row.is_confirmed and not confirmed:
            raise BusinessError(
                _("This month's first day is already confirmed; confirm the corrected date."),
                code="confirmed",
            )
        if confirmed:
            row.confirmed_on = starts_on
        else:
            row.expected_on = starts_on
        row.note = note.strip()[:200]
        row.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        row.save()
        audit_log(
            action="joud.hijri_month.confirmed" if confirmed else "joud.hijri_month.expected",
            actor=actor,
            target=row,
            data={
                "hijri_year": hijri_year,
                "hijri_month": hijri_month,
                "old": old,
                "new": starts_on,
                "note": row.note,
            },
        )

        def changed():
            forget_month_starts()
            if old != starts_on:
                month_start_changed.send(
                    sender=model,
                    hijri_year=hijri_year,
                    hijri_month=hijri_month,
                    old=old,
                    new=starts_on,
                )

        transaction.on_commit(changed)
    return row
