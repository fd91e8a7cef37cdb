from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joud.core.money import (
    format_money,
    format_number,
    from_minor_units,
    quantize,
    to_minor_units,
)


def test_omr_has_three_decimals():
    assert quantize("1.2345") == Decimal("1.235")
    assert quantize("10") == Decimal("10.000")
    assert str(quantize(Decimal("0.0005"))) == "0.001"


def test_floats_are_refused():
    with pytest.raises(TypeError):
        quantize(1.5)


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", ""])
def test_garbage_is_refused(bad):
    with pytest.raises(ValueError):
        quantize(bad)


def test_minor_units_are_baisa():
    assert to_minor_units(Decimal("1.250")) == 1250
    assert from_minor_units(1250) == Decimal("1.250")


@given(st.integers(min_value=0, max_value=10**12))
def test_minor_units_round_trip(baisa):
    assert to_minor_units(from_minor_units(baisa)) == baisa


def test_arabic_money_uses_arabic_indic_digits_and_three_decimals():
    text = format_money(Decimal("1234.5"), language="ar")
    assert "١\u202f٢٣٤٫٥٠٠" in text  # grouped by a narrow space: "٬" and "٫" look alike
    assert "ر.ع." in text
    assert not any(ch.isascii() and ch.isdigit() for ch in text)


def test_english_money():
    assert format_money(Decimal("1234.5"), language="en") == "OMR\u00a01,234.500"
    assert format_money(Decimal("0.005"), language="en") == "OMR\u00a00.005"


def test_number_grouping_in_arabic():
    assert format_number(1234567, language="ar") == "١\u202f٢٣٤\u202f٥٦٧"
    assert format_number(1234567, language="en") == "1,234,567"
