"""Bytes of the published files: JSON with exact decimal numbers, and safe CSV.

360Giving types ``amountAwarded`` as a JSON number. Python's ``json`` writes ``Decimal`` only
through ``float``, which cannot hold money exactly, so a ``Decimal`` is written as its own digits
("1250.500"): each is first put in as a marked string, with a marker drawn at random for every
file (no text from the platform can contain it), and the marks are then taken off.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from decimal import Decimal

from joud.core.spreadsheet import safe_row


def json_bytes(data) -> bytes:
    marker = "dec" + secrets.token_hex(12)

    def mark(value):
        if isinstance(value, Decimal):
            return f"{marker}{value:f}{marker}"
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(data), ensure_ascii=False, indent=1)
    text = re.sub(f'"{marker}(-?[0-9]+(?:\\.[0-9]+)?){marker}"', r"\1", text)
    return (text + "\n").encode("utf-8")


def csv_bytes(columns, rows) -> bytes:
    """A UTF-8 CSV with a byte-order mark (so spreadsheet programs read the Arabic), every cell
    through ``core.spreadsheet``'s rule."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(safe_row(_cell(row.get(column)) for column in columns))
    return out.getvalue().encode("utf-8")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return value
