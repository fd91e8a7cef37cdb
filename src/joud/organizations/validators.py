"""Validators for licence applications."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Oman's IBAN: OM + 2 check digits + 3-digit bank code + 16-character account number.
IBAN_LENGTHS = {"OM": 23}


def normalize_iban(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_iban(value: str) -> None:
    iban = normalize_iban(value)
    if not iban:
        return
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", iban):
        raise ValidationError(_("Enter a valid IBAN, e.g. OM60 0180 0000 1234 5678 901."))
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected and len(iban) != expected:
        raise ValidationError(_("An Omani IBAN has 23 characters."))
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    if int(digits) % 97 != 1:
        raise ValidationError(_("This IBAN's check digits are wrong: please check it."))
