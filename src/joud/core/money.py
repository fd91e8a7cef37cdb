"""Money: ``Decimal`` only, quantised per currency; formatted with Babel.

OMR has three decimals (1 rial = 1000 baisa). Precision comes from the currency, never from a
hard-coded ``0.01``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import get_currency_precision, get_currency_symbol
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
    for token in ("ر.ع.", "ر.ع", "OMR", "omr", "\u00a0", "\u202f", "\u066c"):
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


# The digit system a person asked for ("latn" for Western digits in Arabic pages), set per
# request by ``joud.core.middleware.DigitsMiddleware`` from its cookie; None: the language's own.
# English is always Western; Arabic is Arabic-Indic unless the person chose otherwise.
DIGITS_COOKIE = "joud_digits"
DIGIT_SYSTEMS = ("arab", "latn")
_preferred_digits: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "joud_digits", default=None
)


def set_preferred_digits(system: str | None) -> contextvars.Token:
    """Use ``system`` ("arab"/"latn"; None: the language's own) until ``reset_preferred_digits``."""
    return _preferred_digits.set(system if system in DIGIT_SYSTEMS else None)


def reset_preferred_digits(token: contextvars.Token) -> None:
    _preferred_digits.reset(token)


@contextlib.contextmanager
def preferred_digits(system: str | None):
    token = set_preferred_digits(system)
    try:
        yield
    finally:
        reset_preferred_digits(token)


def babel_locale(language: str | None = None) -> str:
    return "ar_OM" if _lang(language) == "ar" else "en_GB"


def numbering_system(language: str | None = None) -> str:
    """ "arab" (Arabic-Indic digits) or "latn": one digit system per page."""
    if _lang(language) != "ar":
        return "latn"
    return _preferred_digits.get() or "arab"


# Marks that cannot be confused with each other or with a digit in the interface face: in IBM
# Plex Sans Arabic (and Amiri) the Arabic thousands mark "٬" and decimal mark "٫" are both
# commas to the eye, so Arabic-Indic figures are grouped by a narrow no-break space (bidi class
# CS, so "١ ٢٣٤" stays one number) and keep "٫" for the decimals; Western digits use "," and ".".
_GROUP = {"arab": "\u202f", "latn": ","}
_DECIMAL = {"arab": "\u066b", "latn": "."}
_PERCENT = {"arab": "\u066a", "latn": "%"}
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _digits(value: Decimal, places: int, system: str, *, grouping: bool = True) -> str:
    text = f"{value:,.{places}f}" if grouping else f"{value:.{places}f}"
    text = text.replace(",", "\0").replace(".", _DECIMAL[system]).replace("\0", _GROUP[system])
    return text.translate(_ARABIC_INDIC) if system == "arab" else text


def _decimal(value) -> Decimal:
    if isinstance(value, float):  # counts and shares (never money) may arrive as floats
        value = repr(value)
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return value


def format_money(
    amount: Decimal | int | str | None,
    currency: str = DEFAULT_CURRENCY,
    language: str | None = None,
) -> str:
    """Baisa only when there are baisa: ``5`` -> "٥ ر.ع." / "OMR 5"; ``7.25`` -> "٧٫٢٥٠ ر.ع." /
    "OMR 7.250"; ``1234.5`` -> "١ ٢٣٤٫٥٠٠ ر.ع." (narrow space) / "OMR 1,234.500"."""
    if amount is None:
        return ""
    lang = _lang(language)
    return _format_money(quantize(amount, currency), currency, lang, numbering_system(lang))


# Formatting is pure (value, currency, language, digits) -> text and pages list many amounts:
# remember recent results (per process, safely: the same inputs always give the same text).
@functools.lru_cache(maxsize=8192, typed=True)
def _format_money(value: Decimal, currency: str, lang: str, system: str) -> str:
    places = 0 if value == value.to_integral_value() else currency_exponent(currency)
    number = _digits(value, places, system)
    if lang == "ar":
        symbol = "ر.ع." if currency == "OMR" else get_currency_symbol(currency, "ar_OM")
        return f"{number}\u00a0{symbol}"
    return f"{currency}\u00a0{number}"


def format_number(
    value: int | Decimal,
    language: str | None = None,
    *,
    grouping: bool = True,
    places: int | None = None,
) -> str:
    """A count or measure: ``12345`` -> "١٢ ٣٤٥" / "12,345"; ``Decimal("2.50")`` -> "٢٫٥" / "2.5"
    (rounded to ``places`` decimals, three by default, without trailing zeros). ``grouping=False``
    for years and codes."""
    lang = _lang(language)
    return _format_number(_decimal(value), numbering_system(lang), grouping, places)


@functools.lru_cache(maxsize=8192, typed=True)
def _format_number(value: Decimal, system: str, grouping: bool, places: int | None) -> str:
    value = value.quantize(Decimal(1).scaleb(-(3 if places is None else places)), ROUND_HALF_UP)
    value = value.normalize() if value != value.to_integral_value() else value.to_integral_value()
    shown = max(0, -value.as_tuple().exponent)
    return _digits(value, shown, system, grouping=grouping)


def plural_count(value) -> int:
    """The count to choose a plural form for ``value``: itself when whole; for a fraction (2.5
    hours) a count in the form both catalogues use for fractions ("other": "٢٫٥ ساعة",
    "2.5 hours"), since ``ngettext`` takes integers only."""
    value = _decimal(value)
    return int(value) if value == value.to_integral_value() else 100


def format_percent(value, language: str | None = None, *, places: int = 1) -> str:
    """A share out of 100: ``2.5`` -> "٢٫٥٪" / "2.5%"; ``4`` -> "٤٪" (decimals only where they
    say something, at most ``places``)."""
    lang = _lang(language)
    step = Decimal(1).scaleb(-places)
    number = format_number(_decimal(value).quantize(step, rounding=ROUND_HALF_UP), lang)
    return number + _PERCENT[numbering_system(lang)]


def localize_digits(text: str, language: str | None = None) -> str:
    """Western digits in ``text`` -> the page's digit system (Arabic-Indic in Arabic)."""
    return text.translate(_ARABIC_INDIC) if numbering_system(language) == "arab" else text


class MoneyField(models.DecimalField):
    """An amount in OMR (3 decimals) by default; 16 digits leave room for national totals."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", currency_exponent(DEFAULT_CURRENCY))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "joud.core.money.MoneyField", args, kwargs
