"""Money: ``Decimal`` only, quantised per currency; formatted with Babel.

OMR has three decimals (1 rial = 1000 baisa). Precision comes from the currency, never from a
hard-coded ``0.01``.
"""

from __future__ import annotations

import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal, get_currency_precision
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_CURRENCY = "OMR"
MAX_DIGITS = 16
# The largest amount a MoneyField (16 digits, 3 decimals) can store.
STORABLE_MAXIMUM = Decimal(10 ** (MAX_DIGITS - 3)) - Decimal("0.001")
# A typed amount: digits, at most one decimal point. No sign, exponent, NaN or Infinity.
_TYPED_AMOUNT = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)")
_TYPED_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_MAX_TYPED_LENGTH = 32


def max_donation() -> Decimal:
    """The largest single gift (and refund) accepted; ``JOUD_MAX_DONATION`` in rials."""
    return min(Decimal(str(settings.JOUD_MAX_DONATION)), STORABLE_MAXIMUM)


def currency_exponent(currency: str = DEFAULT_CURRENCY) -> int:
    return get_currency_precision(currency)


def quantize(amount: Decimal | int | str, currency: str = DEFAULT_CURRENCY) -> Decimal:
    """Quantise to the currency's minor unit. Floats are refused: they cannot hold money exactly."""
    if isinstance(amount, float):
        raise TypeError("money must never be a float; pass a Decimal or a string")
    try:
        value = Decimal(amount)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    exp = Decimal(1).scaleb(-currency_exponent(currency))
    try:
        return value.quantize(exp, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:  # more digits than Decimal's precision holds
        raise ValueError(f"not an amount: {amount!r}") from exc


def parse_amount(
    raw: str | None,
    *,
    maximum: Decimal | None = None,
    money: bool = True,
    currency: str = DEFAULT_CURRENCY,
) -> Decimal:
    """What a person typed -> a quantised, non-negative ``Decimal`` no larger than ``maximum``.

    '٥٫٥' / '5,5' / '5.500' / 'OMR 5' -> ``Decimal('5.500')``. ``maximum`` defaults to the
    largest gift (``max_donation``). Exponents ('1e13'), signs, NaN,
    Infinity, more decimals than the currency has and anything above ``maximum`` raise a
    ``ValidationError`` in the active language. ``money=False`` for quantities such as grams.
    """
    text = (raw or "").translate(_TYPED_DIGITS).strip().replace(",", ".").replace(" ", "")
    for token in ("ر.ع.", "ر.ع", "OMR", "omr", "\u00a0"):
        text = text.replace(token, "")
    if len(text) > _MAX_TYPED_LENGTH or not _TYPED_AMOUNT.fullmatch(text):
        raise ValidationError(
            _("Enter an amount in rials, for example 5 or 2.500."), code="invalid"
        )
    value = Decimal(text)
    maximum = max_donation() if maximum is None else maximum
    if value.as_tuple().exponent < -currency_exponent(currency):
        raise ValidationError(_("Rials have at most three decimals (baisa)."), code="decimals")
    if value > maximum:
        shown = format_money(maximum, currency) if money else format_number(maximum)
        raise ValidationError(
            _("The largest amount accepted is %(maximum)s.") % {"maximum": shown}, code="too_large"
        )
    return quantize(value, currency)


def to_minor_units(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> int:
    """1.250 OMR -> 1250 baisa. Gateways speak in minor units."""
    return int(quantize(amount, currency).scaleb(currency_exponent(currency)))


def from_minor_units(units: int, currency: str = DEFAULT_CURRENCY) -> Decimal:
    return quantize(Decimal(int(units)).scaleb(-currency_exponent(currency)), currency)


def _lang(language: str | None = None) -> str:
    return (language or get_language() or "ar").split("-")[0]


def babel_locale(language: str | None = None) -> str:
    return "ar_OM" if _lang(language) == "ar" else "en_GB"


def numbering_system(language: str | None = None) -> str:
    return "arab" if _lang(language) == "ar" else "latn"


def format_money(
    amount: Decimal | int | str | None,
    currency: str = DEFAULT_CURRENCY,
    language: str | None = None,
) -> str:
    """``Decimal("1234.5")`` -> ``"ر.ع.‏ ١٬٢٣٤٫٥٠٠"`` in Arabic, ``"OMR 1,234.500"`` in English."""
    if amount is None:
        return ""
    return _format_money(quantize(amount, currency), currency, _lang(language))


# Formatting is pure (value, currency, language) -> text, and Babel re-reads its patterns on every
# call, which dominates a page listing many amounts: remember recent results (per process,
# safely: the same value, currency and language always give the same text).
@functools.lru_cache(maxsize=8192, typed=True)
def _format_money(value: Decimal, currency: str, lang: str) -> str:
    text = format_currency(
        value,
        currency,
        # English: "OMR 1,234.500" (a space after the code reads better than "OMR1,234.500").
        format=None if lang == "ar" else "¤\u00a0#,##0.00",
        locale=babel_locale(lang),
        numbering_system=numbering_system(lang),
        currency_digits=True,
    )
    return localize_digits(text, lang)


def format_number(value: int | Decimal, language: str | None = None) -> str:
    return _format_number(value, _lang(language))


@functools.lru_cache(maxsize=8192, typed=True)
def _format_number(value: int | Decimal, lang: str) -> str:
    text = format_decimal(value, locale=babel_locale(lang), numbering_system=numbering_system(lang))
    return localize_digits(text, lang)


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def localize_digits(text: str, language: str | None = None) -> str:
    """Arabic-Indic digits in Arabic (Babel gives the separators, not the digits)."""
    return text.translate(_ARABIC_INDIC) if _lang(language) == "ar" else text


class MoneyField(models.DecimalField):
    """An amount in OMR (3 decimals) by default; 16 digits leave room for national totals."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", currency_exponent(DEFAULT_CURRENCY))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "joud.core.money.MoneyField", args, kwargs
