"""Checks of typed amounts and birth dates (joud.beneficiaries.services.validation)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from joud.beneficiaries.services.validation import parse_amount, validate_birth
from joud.core.errors import BusinessError


def test_amounts_are_rials_quantised_and_empty_means_none():
    assert parse_amount("120.5", field="x") == Decimal("120.500")
    assert isinstance(parse_amount(7, field="x"), Decimal)
    assert parse_amount("", field="x") is None
    assert parse_amount(None, field="x") is None


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1e13", "1e99", "NaN", "Infinity", "9" * 40, "1.2345"]
)
def test_bad_amounts_are_refused_on_their_field(value):
    with pytest.raises(BusinessError) as exc:
        parse_amount(value, field="monthly_income")
    assert exc.value.field == "monthly_income"


def test_birth_dates_may_be_partial_but_not_without_a_year():
    assert validate_birth("1984", "3", "7") == (1984, 3, 7)
    assert validate_birth(1984, None, None) == (1984, None, None)
    assert validate_birth("", "", "") == (None, None, None)
    for args, field in (
        ((None, 3, None), "birth_year"),
        ((1899, None, None), "birth_year"),
        ((timezone.localdate().year + 1, None, None), "birth_year"),
        ((1984, 13, None), "birth_month"),
        ((1984, 2, 32), "birth_day"),
    ):
        with pytest.raises(BusinessError) as exc:
            validate_birth(*args)
        assert exc.value.field == field
