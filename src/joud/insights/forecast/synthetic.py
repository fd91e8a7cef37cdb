"""Generated daily giving for the backtest (``make evaluate``): no real history is needed.

``demo_shape`` is the day shape of the demo's donations (``joud.demo.donations``): Ramadan three
times an ordinary day, the evenings of its last ten nights nine times, the evening of the 27th
night sixteen times, the first ten days of Dhu al-Hijjah four times and the days of Eid al-Adha
two and a half, Eid al-Fitr twice, Fridays half as much again. ``other_shape`` is a second
series with its own habits: a stronger day of Arafah, salary days (20th–25th) and a quieter
Friday. Each series grows by a yearly rate and carries multiplicative log-normal noise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from joud.core.dates import to_hijri


def demo_shape(day: dt.date) -> float:
    _y, month, hday = to_hijri(day)
    weight = 1.0
    if month == 9:
        weight = 3.0
        if hday >= 20:
            weight = 9.0
        if hday == 26:
            weight = 16.0
    elif month == 12 and hday <= 13:
        weight = 4.0 if hday <= 10 else 2.5
    elif month == 10 and hday <= 3:
        weight = 2.0
    if day.weekday() == 4:
        weight *= 1.5
    return weight


def other_shape(day: dt.date) -> float:
    _y, month, hday = to_hijri(day)
    weight = 1.0
    if month == 9:
        weight = 2.5 + hday * 0.1
        if hday >= 20:
            weight = 6.0 + (3.0 if hday % 2 == 0 else 0.0)  # evenings of the odd nights
    elif month == 12 and hday <= 13:
        weight = {9: 7.0, 10: 3.0}.get(hday, 3.0 if hday < 9 else 1.8)
    elif month == 10 and hday <= 3:
        weight = 2.5
    elif month == 8 and hday >= 20:  # before Ramadan: zakat paid early
        weight = 1.4
    if 20 <= day.day <= 25:
        weight *= 1.3
    if day.weekday() == 4:
        weight *= 1.2
    return weight


@dataclass(frozen=True)
class Series:
    name: str
    shape: object
    base: float  # OMR on an ordinary day at the start
    yearly_growth: float
    noise: float  # sigma of the log-normal noise

    def median(self, start: dt.date, day: dt.date) -> float:
        """The day's amount without its noise (what a perfect model would forecast)."""
        return self.base * self.yearly_growth ** ((day - start).days / 365.25) * self.shape(day)

    def generate(self, start: dt.date, end: dt.date, seed: int = 0) -> dict[dt.date, float]:
        rng = np.random.default_rng(seed)
        out = {}
        day = start
        while day <= end:
            noise = float(rng.lognormal(0.0, self.noise))
            out[day] = round(self.median(start, day) * noise, 3)
            day += dt.timedelta(days=1)
        return out


SERIES = (
    Series("demo", demo_shape, base=1200.0, yearly_growth=1.12, noise=0.18),
    Series("other", other_shape, base=300.0, yearly_growth=1.35, noise=0.22),
)
