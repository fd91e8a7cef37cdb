"""The one helper for safe spreadsheet cells."""

import datetime as dt
from decimal import Decimal

import pytest

from joud.core.spreadsheet import safe_cell, safe_row


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_starts_are_neutralised(text):
    assert safe_cell(text) == "'" + text


def test_plain_text_and_other_values_pass():
    day = dt.date(2026, 1, 1)
    assert safe_row(["سلال رمضان", Decimal("-5.000"), -3, day, None]) == [
        "سلال رمضان", Decimal("-5.000"), -3, day, None,
    ]  # fmt: skip
