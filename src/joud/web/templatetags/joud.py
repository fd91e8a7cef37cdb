"""Template helpers: the page face of ``joud.core.money`` and ``joud.core.dates`` (one formatting
module for pages, PDFs and messages), and bidi isolation around every figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from joud.core.dates import format_gregorian, format_hijri, format_hijri_year, format_time
from joud.core.money import (
    format_money,
    format_number,
    format_percent,
    localize_digits,
    plural_count,
)

register = template.Library()

NNBSP = "\u202f"


def _figures(text: str, css_class: str | None = None):
    """``text`` isolated in a ``<bdi>``, each narrow space between Arabic-Indic groups in a
    ``<span class="grp">`` that CSS widens: browsers draw U+202F from the page's face, which
    (IBM Plex Sans Arabic) lacks it and gets a hairline that hides the grouping."""
    inner = conditional_escape(text).replace(NNBSP, f'<span class="grp">{NNBSP}</span>')
    attrs = f' class="{css_class}"' if css_class else ""
    return mark_safe(f"<bdi{attrs}>{inner}</bdi>")  # noqa: S308 (escaped above)


@register.filter
def money(value, currency: str = "OMR"):
    """``{{ amount|money }}`` -> ``<bdi class="money">٥ ر.ع.</bdi>`` (baisa only when there are)."""
    if value in (None, ""):
        return ""
    return _figures(format_money(value, currency), "money")


def _number_or_none(value, places=None):
    try:
        return format_number(value, places=None if places in (None, "") else int(places))
    except (TypeError, ValueError, ArithmeticError):
        return None


@register.filter
def number(value, places=None):
    """``{{ n|number }}`` -> ``<bdi>١٢ ٣٤٥</bdi>``: a count or measure in the page's digits;
    ``{{ score|number:1 }}`` -> ``<bdi>٢١٫٩</bdi>`` (at most one decimal)."""
    if value in (None, ""):
        return ""
    text = _number_or_none(value, places)
    return _figures(text) if text is not None else format_html("<bdi>{}</bdi>", value)


class Counted(int):
    """A count that is still an integer (``blocktranslate count`` chooses the Arabic plural form
    from it) but shows itself in the page's digits where the translation prints it."""

    def __str__(self) -> str:
        return format_number(int(self))

    __html__ = __str__


@register.filter
def counted(value):
    """``{% blocktranslate count n=x|counted %}{{ n }} person…`` -> "٤ أشخاص"."""
    try:
        return Counted(int(value))
    except (TypeError, ValueError, ArithmeticError):
        return value


@register.filter
def plural_form(value):
    """The count for a plural that prints a measure, not the count: ``{% blocktranslate count
    n=hours|plural_form with h=hours|number %}{{ h }} hour…`` ("٢٫٥ ساعة", "٤ ساعات")."""
    try:
        return plural_count(value)
    except (TypeError, ValueError, ArithmeticError):
        return 0


@register.filter
def percent(value, places: int = 1):
    """``{{ share|percent }}`` -> ``<bdi>٢٫٥٪</bdi>`` (``share`` out of 100)."""
    if value in (None, ""):
        return ""
    try:
        return format_html("<bdi>{}</bdi>", format_percent(value, places=int(places)))
    except (TypeError, ValueError, ArithmeticError):
        return ""


@register.filter
def digits(value):
    """Western digits in a text (a code, a ratio "3/10") -> the page's digit system."""
    if value in (None, ""):
        return ""
    return localize_digits(str(value))


def _local_date(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def dual_date(value):
    """Hijri, then the Gregorian date in brackets, each isolated for bidi. Never a "·" between
    them: beside Arabic digits it reads as a zero ("هـ · ٢ ديسمبر" reads "٢٠ ديسمبر")."""
    if not value:
        return ""
    value = _local_date(value)
    return format_html(
        '<span class="dual-date"><bdi>{}</bdi> <span class="greg">(<bdi>{}</bdi>)</span></span>',
        format_hijri(value),
        format_gregorian(value),
    )


@register.filter
def dual_datetime(value):
    """A moment: its dual date, then the time of day ("… (٢ ديسمبر ٢٠٢٦) ١٦:٣٠")."""
    if not value:
        return ""
    return format_html("{} {}", dual_date(value), clock(value))


@register.filter
def hijri(value):
    return format_hijri(_local_date(value)) if value else ""


@register.filter
def hijri_year(value):
    """``1448`` -> "١٤٤٨ هـ" / "1448 AH"."""
    return format_html("<bdi>{}</bdi>", format_hijri_year(int(value))) if value else ""


@register.filter
def clock(value):
    """A time of day (24-hour) in the page's digits: ``<bdi>١٦:٣٠</bdi>``."""
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_html('<bdi class="text-nowrap">{}</bdi>', format_time(value))


@register.simple_tag
def share_of(part, whole):
    """``{% share_of raised goal %}`` -> ``<bdi>٠٫٩٪</bdi>``: how much of ``whole`` ``part`` is,
    with one decimal below 10 % (a lone "٠٪" is a dot beside a sign), whole percents above."""
    try:
        if not whole:
            return ""
        share = max(Decimal(0), Decimal(part) * 100 / Decimal(whole))
    except (TypeError, ValueError, ArithmeticError):
        return ""
    return format_html("<bdi>{}</bdi>", format_percent(share, places=1 if share < 10 else 0))


@register.simple_tag
def percent_of(part, whole):
    try:
        if not whole:
            return 0
        return max(0, min(100, int(part * 100 / whole)))
    except (TypeError, ValueError, ArithmeticError):
        return 0
