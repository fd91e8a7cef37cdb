"""Omani phone numbers: accept what people type, store E.164 (+968XXXXXXXX)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
MOBILE_RE = re.compile(r"^[79]\d{7}$")  # Omani mobiles start with 7 or 9
ANY_RE = re.compile(r"^[2479]\d{7}$")


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII: '٩١٢٣' -> '9123'."""
    return (text or "").translate(_DIGITS)


def normalize_omani_phone(raw: str, *, mobile_only: bool = True) -> str:
    """'9123 4567', '+968 9123-4567', '0096891234567', '٩١٢٣٤٥٦٧' -> '+96891234567'.

    Raises ``ValidationError`` with a message in the active language.
    """
    text = ascii_digits(raw)
    digits = re.sub(r"[\s\-().]", "", text)
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("968"):
            raise ValidationError(_("Enter an Omani number (+968)."), code="not_omani")
    elif digits.startswith("00"):
        digits = digits[2:]
        if not digits.startswith("968"):
            raise ValidationError(_("Enter an Omani number (+968)."), code="not_omani")
    if not digits.isdigit():
        raise ValidationError(_("A phone number has digits only."), code="invalid")
    if len(digits) == 11 and digits.startswith("968"):
        digits = digits[3:]
    pattern = MOBILE_RE if mobile_only else ANY_RE
    if not pattern.match(digits):
        if mobile_only:
            raise ValidationError(
                _("Enter an Omani mobile number: 8 digits starting with 7 or 9."), code="invalid"
            )
        raise ValidationError(_("Enter an 8-digit Omani phone number."), code="invalid")
    return f"+968{digits}"


def validate_omani_mobile(value: str) -> None:
    normalize_omani_phone(value)
