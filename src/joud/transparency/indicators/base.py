"""What an indicator is: one function over one organization's records, registered with its
formula, its source, its explanation and the advice that raises it (each translatable).

A text that names a threshold takes it from the setting the computation reads (``worded``), so
changing the setting changes the sentence: no number is written into a text.

An indicator returns a ``Reading``: the measured value (for people to read) and a mark from 0
to 1 (for the score), or no mark at all when the platform holds too little to measure it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from statistics import median

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import ngettext

from joud.core.money import format_number
from joud.transparency.indicators.funds import FundHistory

ONE = Decimal(1)
ZERO = Decimal(0)
YEAR = dt.timedelta(days=365)
YEAR_MONTHS = 12  # YEAR, as the texts say it


class Unit:
    SHARE = "share"  # 0..1, shown as a percentage
    DAYS = "days"
    WORKING_DAYS = "working_days"
    COUNT = "count"
    HOURS = "hours"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Reading:
    code: str
    value: Decimal | int | bool | None  # None: nothing to measure yet
    mark: Decimal | None  # 0..1; None: too little data to score
    facts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    unit: str
    title: str
    formula: str
    source: str
    explanation: str
    advice: str
    compute: Callable[[Context], Reading]

    @property
    def weight(self) -> int:
        return int(settings.JOUD_SCORECARD_WEIGHTS.get(self.code, 0))


REGISTRY: dict[str, Indicator] = {}


def shown(value) -> str:
    """A number in the page's language (Arabic-Indic digits in Arabic), no needless zeros."""
    value = Decimal(value)
    value = value.quantize(ONE) if value == value.to_integral() else value.normalize()
    return format_number(value)


def setting(name: str, scale: int = 1) -> Callable[[], Decimal | int]:
    """The setting ``name`` (times ``scale``, e.g. 100 for a share shown in percent), read when
    the text is shown."""
    return lambda: getattr(settings, name) * scale


def months() -> str:
    """The period every indicator looks back over: "12 months"."""
    return ngettext("%(n)s month", "%(n)s months", YEAR_MONTHS) % {"n": shown(YEAR_MONTHS)}


def worded(text, **values) -> Promise:
    """``text`` with each ``%(name)s`` filled when it is shown, in the page's language: ``values``
    maps a name to a function giving a number (formatted by ``shown``) or a text. For
    ``ngettext_lazy(singular, plural, "count")`` the first number chooses the plural form."""

    def render() -> str:
        read = {name: fn() for name, fn in values.items()}
        filled = {k: v if isinstance(v, str) else shown(v) for k, v in read.items()}
        numbers = [v for v in read.values() if not isinstance(v, str)]
        if numbers:
            filled["count"] = int(numbers[0])
        return str(text % filled)

    return lazy(render, str)()


def indicator(code: str, group: str, unit: str, **texts):
    """Register ``fn(ctx) -> Reading`` as the indicator ``code`` (texts: title, formula, source,
    explanation, advice)."""

    def register(fn):
        REGISTRY[code] = Indicator(code=code, group=group, unit=unit, compute=fn, **texts)
        return fn

    return register


@dataclass
class Context:
    """One organization on one day; the last 12 months end on ``today`` (inclusive)."""

    organization: object
    today: dt.date
    # The nightly run reads every organization's money in one pass (``FundHistory.of_many``).
    histories: dict | None = None

    @property
    def since(self) -> dt.date:
        return self.today - YEAR

    @cached_property
    def money(self):
        if self.histories is not None and self.organization.pk in self.histories:
            return self.histories[self.organization.pk]
        return FundHistory.of(self.organization, today=self.today)


def clamp(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, Decimal(value)))


def falling(value, ceiling) -> Decimal:
    """1 at zero, 0 at (and past) the ceiling, a straight line between."""
    return clamp(ONE - Decimal(value) / Decimal(ceiling))


def share(part, whole) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)) if whole else None


def weighted_median(pairs: list[tuple[int, Decimal]]) -> Decimal | None:
    """The median of values each counted ``weight`` times (rials, not payments): the value at
    which half of the weight lies on either side (the lower one on an exact split)."""
    pairs = sorted((v, w) for v, w in pairs if w > 0)
    total = sum((w for _, w in pairs), ZERO)
    if not total:
        return None
    running = ZERO
    for value, weight in pairs:
        running += weight
        if running * 2 >= total:
            return Decimal(value)
    return Decimal(pairs[-1][0])


def plain_median(values: list) -> Decimal | None:
    return Decimal(str(median(values))) if values else None


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()
