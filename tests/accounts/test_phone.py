import pytest
from django.core.exceptions import ValidationError

from joud.accounts.phone import normalize_omani_phone


@pytest.mark.parametrize(
    "raw",
    ["91234567", "9123 4567", "+968 9123-4567", "0096891234567", "96891234567", "٩١٢٣٤٥٦٧"],
)
def test_accepts_what_people_type(raw):
    assert normalize_omani_phone(raw) == "+96891234567"


@pytest.mark.parametrize("raw", ["2412345", "81234567", "+971501234567", "24123456", "abc", ""])
def test_refuses_non_mobile_or_foreign_numbers(raw):
    with pytest.raises(ValidationError):
        normalize_omani_phone(raw)


def test_landlines_allowed_when_asked():
    assert normalize_omani_phone("24123456", mobile_only=False) == "+96824123456"
