"""Names people read for the rollups' codes: categories, channels, months on either calendar."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joud.beneficiaries.models.cases import Category as CaseCategory
from joud.campaigns.models import Category
from joud.core.dates import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN
from joud.core.money import babel_locale, localize_digits
from joud.insights.rollups.keys import RECURRING, hijri_of


def arabic() -> bool:
    return (get_language() or "ar").startswith("ar")


def category_label(code: str) -> str:
    if code.startswith("case:"):
        name = dict(CaseCategory.choices).get(code[5:], code[5:])
        return _("Verified cases: %(category)s") % {"category": name}
    if code == "general":
        return _("General funds")
    names = dict(Category.choices)
    if code in names:
        return str(names[code])
    if code == "fitr":  # a gift to an organization's zakat al-fitr programme
        return str(names[Category.ZAKAT_FITR])
    others = {"zakat": _("Zakat funds"), "waqf": _("Endowments (waqf)")}
    return str(others.get(code, code))


def channel_label(code: str) -> str:
    names = {
        RECURRING: _("Recurring plans"),
        "sandbox": _("Card (sandbox gateway)"),
        "thawani": _("Card (Thawani)"),
        "stripe": _("Card (Stripe)"),
        "offline": _("Received by the association (cash or transfer)"),
        "other": _("Other"),
    }
    return str(names.get(code, code))


def month_key(day: dt.date, hijri: bool) -> tuple[int, int]:
    if hijri:
        year, month, _d = hijri_of(day)
        return year, month
    return day.year, day.month


def month_label(key: tuple[int, int], hijri: bool) -> str:
    year, month = key
    if hijri:
        if arabic():
            return localize_digits(f"{HIJRI_MONTHS_AR[month - 1]} {year} هـ", "ar")
        return f"{HIJRI_MONTHS_EN[month - 1]} {year} AH"
    text = format_date(dt.date(year, month, 1), "MMMM y", locale=babel_locale())
    return localize_digits(text)
