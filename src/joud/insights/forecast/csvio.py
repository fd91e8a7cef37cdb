"""Reading a ``date,amount`` history and writing a ``date,forecast,lo,hi`` forecast (the
``forecast_csv`` command). Every refusal is a ``BadHistory`` with a message for people."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

AMOUNT = re.compile(r"^\d{1,15}(\.\d{1,6})?$")  # plain decimals: no sign, exponent or grouping
MAX_DAYS = 3660  # a forecast of at most ten years
MAX_ROWS = 200_000


class BadHistory(ValueError):
    pass


def parse_date(text: str, what: str) -> dt.date:
    value = (text or "").strip()
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadHistory(
            _("%(what)s must be a date written YYYY-MM-DD, not “%(value)s”.")
            % {"what": what, "value": _printable(value)}
        ) from None


def _printable(value: str) -> str:
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in value)
    return cleaned[:40]


def read_history(stream: io.TextIOBase) -> dict[dt.date, float]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        raise BadHistory(_("The history file is empty."))
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "date" not in names or "amount" not in names:
        raise BadHistory(_("The history file must start with the columns date,amount."))
    at_date, at_amount = names.index("date"), names.index("amount")
    history: dict[dt.date, float] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if number > MAX_ROWS:
            raise BadHistory(_("The history file has too many rows."))
        if len(row) <= max(at_date, at_amount):
            raise BadHistory(_("Row %(row)d has too few columns.") % {"row": number})
        day = parse_date(row[at_date], _("The date on row %(row)d") % {"row": number})
        text = row[at_amount].strip()
        if not AMOUNT.match(text):
            raise BadHistory(
                _(
                    "The amount on row %(row)d must be a plain number of at least 0, not “%(value)s”."
                )
                % {"row": number, "value": _printable(text)}
            )
        if day in history:
            raise BadHistory(
                _("The date %(day)s appears twice (row %(row)d).")
                % {"day": day.isoformat(), "row": number}
            )
        history[day] = float(text)
    if not history:
        raise BadHistory(_("The history file has no rows after its header."))
    return history


def check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise BadHistory(_("The end date is before the start date."))
    if (end - start).days + 1 > MAX_DAYS:
        raise BadHistory(
            ngettext(
                "A forecast covers at most %(days)d day.",
                "A forecast covers at most %(days)d days.",
                MAX_DAYS,
            )
            % {"days": MAX_DAYS}
        )


def write_forecast(stream: io.TextIOBase, result) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["date", "forecast", "lo", "hi"])
    for day, mid, lo, hi in result.rows():
        writer.writerow([day.isoformat(), f"{mid:.3f}", f"{lo:.3f}", f"{hi:.3f}"])
