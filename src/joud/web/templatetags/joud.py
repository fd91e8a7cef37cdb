"""Template helpers: money and numbers with Babel, Hijri beside Gregorian, bidi isolation."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html

from joud.core.dates import format_gregorian, format_hijri
from joud.core.money import format_money, format_number

register = template.Library()


@register.filter
def money(value, currency: str = "OMR"):
    """``{{ amount|money }}`` -> ``<bdi>١٬٢٣٤٫٥٠٠ ر.ع.</bdi>``"""
    if value in (None, ""):
        return ""
    return format_html('<bdi class="money">{}</bdi>', format_money(value, currency))


@register.filter
def number(value):
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", format_number(value))


@register.filter
def dual_date(value):
    """Hijri, then the Gregorian date in brackets, each isolated for bidi. Never a "·" between
    them: beside Arabic digits it reads as a zero ("هـ · ٢ ديسمبر" reads "٢٠ ديسمبر")."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_html(
        '<span class="dual-date"><bdi>{}</bdi> <span class="greg">(<bdi>{}</bdi>)</span></span>',
        format_hijri(value),
        format_gregorian(value),
    )


@register.filter
def hijri(value):
    return format_hijri(value) if value else ""


@register.simple_tag
def percent_of(part, whole):
    try:
        if not whole:
            return 0
        return max(0, min(100, int(part * 100 / whole)))
    except (TypeError, ValueError, ArithmeticError):
        return 0
