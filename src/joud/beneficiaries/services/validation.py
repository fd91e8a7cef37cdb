"""Checks of the free-text values a caseworker or an applicant types (amounts, birth dates)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.errors import BusinessError
from joud.core.money import parse_amount as parse_money


def parse_amount(value, *, field: str) -> Decimal | None:
    """An amount in rials (quantised), ``None`` when left empty. The platform's one amount parser
    (``core.money.parse_amount``) decides what is a number and how large it may be (exponents,
    NaN, huge values are refused); its error is reported on ``field``."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if text.startswith("-"):
        raise BusinessError(_("An amount cannot be negative."), field=field)
    try:
        return parse_money(text)
    except ValidationError as exc:
        raise BusinessError(exc.messages[0], field=field) from exc


def validate_birth(year, month, day) -> tuple[int | None, int | None, int | None]:
    """A birth date known fully, by month and year, or by year only."""
    year = int(year) if year else None
    month = int(month) if month else None
    day = int(day) if day else None
    this_year = timezone.localdate().year
    if year is not None and not 1900 <= year <= this_year:
        raise BusinessError(_("The year of birth is not valid."), field="birth_year")
    if month is not None and not 1 <= month <= 12:
        raise BusinessError(_("The month of birth must be between 1 and 12."), field="birth_month")
    if day is not None and not 1 <= day <= 31:
        raise BusinessError(_("The day of birth must be between 1 and 31."), field="birth_day")
    if (month or day) and not year:
        raise BusinessError(_("Give the year of birth too."), field="birth_year")
    return year, month, day
