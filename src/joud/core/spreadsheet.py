"""One rule for cells of every CSV and Excel export.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
a leading tab or carriage return can hide one), so text that someone else wrote (a title, a
volunteer's name) could become a live ``HYPERLINK`` or ``DDE`` call on the exporter's machine.
Such text is exported with a leading apostrophe: it reads as the same text and never runs.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` made safe for a CSV or Excel cell; numbers, dates and None pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(v) for v in values]
