"""Calendar quarters and their labels, in Gregorian and Hijri (the Hijri months they span)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joud.core.dates import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, to_hijri
from joud.core.money import localize_digits


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1..4

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> Quarter:
        year, number = key.split("-Q")
        return cls(int(year), int(number))

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def ends_on(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def gregorian_label(self) -> str:
        names = {1: _("first quarter"), 2: _("second quarter"), 3: _("third quarter"),
                 4: _("fourth quarter")}  # fmt: skip
        return localize_digits(f"{names[self.number]} {self.year}", get_language())

    def hijri_label(self) -> str:
        lang = (get_language() or "ar").split("-")[0]
        months = HIJRI_MONTHS_AR if lang == "ar" else HIJRI_MONTHS_EN
        suffix = "هـ" if lang == "ar" else "AH"
        y1, m1, _d1 = to_hijri(self.starts_on)
        y2, m2, _d2 = to_hijri(self.ends_on)
        if y1 == y2:
            text = f"{months[m1 - 1]} – {months[m2 - 1]} {y1} {suffix}"
        else:
            text = f"{months[m1 - 1]} {y1} – {months[m2 - 1]} {y2} {suffix}"
        return localize_digits(text, lang)
