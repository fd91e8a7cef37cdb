"""The forecaster: gradient-boosted trees (scikit-learn) on Hijri and Gregorian calendar
features, over a level that carries the growth.

Each day's amount is read as ``level × seasonal factor``. The level is the mean of the Hijri
year before the day (354 days: every season once, so it carries the trend and not the season);
after the last known day it grows at the rate measured between the last two Hijri years. The
seasonal factor is learnt from the calendar features (``features.NAMES``) by three
``HistGradientBoostingRegressor`` models: the median (absolute error, which is what WAPE
scores) and the 10th and 90th percentiles (the 80% interval).

With less than ``MIN_SEASONAL_DAYS`` of history the calendar cannot be learnt: the forecast is
then the recent mean by weekday, with the spread of the recent days as its interval, and
``Forecast.seasonal`` says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

from joud.insights.forecast import features

HIJRI_YEAR = 354
MIN_LEVEL_DAYS = 28
MIN_SEASONAL_DAYS = 90
INTERVAL = (0.1, 0.9)
MAX_YEARLY_GROWTH = (0.5, 3.0)


class NotEnoughHistory(ValueError):
    """The history has no day with a figure."""


@dataclass(frozen=True)
class Forecast:
    days: list[dt.date]
    forecast: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    seasonal: bool  # False: too little history for the calendar, a flat weekday forecast
    yearly_growth: float

    def rows(self):
        return zip(self.days, self.forecast, self.lo, self.hi, strict=True)


def _continuous(history: dict[dt.date, float]) -> tuple[list[dt.date], np.ndarray]:
    first, last = min(history), max(history)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    values = np.array([history.get(d, np.nan) for d in days], dtype=float)
    return days, values


def _trailing_level(values: np.ndarray) -> np.ndarray:
    """For each day, the mean of the known days among the ``HIJRI_YEAR`` before it (NaN when
    fewer than ``MIN_LEVEL_DAYS`` are known)."""
    known = ~np.isnan(values)
    sums = np.concatenate([[0.0], np.cumsum(np.where(known, values, 0.0))])
    counts = np.concatenate([[0], np.cumsum(known)])
    idx = np.arange(len(values))
    start = np.maximum(idx - HIJRI_YEAR, 0)
    n = counts[idx] - counts[start]
    total = sums[idx] - sums[start]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n >= MIN_LEVEL_DAYS, total / np.maximum(n, 1), np.nan)


def _yearly_growth(values: np.ndarray) -> float:
    if len(values) < 2 * HIJRI_YEAR:
        return 1.0
    recent = np.nanmean(values[-HIJRI_YEAR:])
    before = np.nanmean(values[-2 * HIJRI_YEAR : -HIJRI_YEAR])
    if not before or np.isnan(before) or np.isnan(recent):
        return 1.0
    return float(np.clip(recent / before, *MAX_YEARLY_GROWTH))


def _model(loss: str, quantile: float | None = None) -> HistGradientBoostingRegressor:
    options = {"quantile": quantile} if quantile is not None else {}
    return HistGradientBoostingRegressor(
        loss=loss,
        max_iter=250,
        learning_rate=0.05,
        max_leaf_nodes=15,
        min_samples_leaf=8,
        l2_regularization=1.0,
        random_state=0,
        **options,
    )


def forecast(history: dict[dt.date, float], start: dt.date, end: dt.date) -> Forecast:
    """Daily forecast with an 80% interval for every day from ``start`` to ``end`` inclusive,
    from ``history`` (date → amount; gaps allowed) alone."""
    history = {d: float(v) for d, v in history.items() if v is not None and np.isfinite(v)}
    if not history:
        raise NotEnoughHistory("no day with a figure")
    days, values = _continuous(history)
    last = days[-1]
    horizon = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    known = ~np.isnan(values)
    growth = _yearly_growth(values)
    recent = values[-HIJRI_YEAR:]
    base = float(np.nanmean(recent))
    steps = np.array([(d - last).days for d in horizon], dtype=float)
    level = base * growth ** (np.maximum(steps, 0) / HIJRI_YEAR)
    if int(known.sum()) < MIN_SEASONAL_DAYS or base <= 0:
        return _flat(days, values, horizon, level, growth)

    trailing = _trailing_level(values)
    usable = known & ~np.isnan(trailing) & (trailing > 0)
    if usable.sum() < MIN_SEASONAL_DAYS // 2:
        return _flat(days, values, horizon, level, growth)
    x = features.matrix([d for d, ok in zip(days, usable, strict=True) if ok])
    ratio = values[usable] / trailing[usable]
    future = features.matrix(horizon)
    mid = _model("absolute_error").fit(x, ratio).predict(future)
    lo = _model("quantile", INTERVAL[0]).fit(x, ratio).predict(future)
    hi = _model("quantile", INTERVAL[1]).fit(x, ratio).predict(future)
    mid = np.maximum(mid, 0.0)
    lo = np.clip(np.minimum(lo, mid), 0.0, None)
    hi = np.maximum(hi, mid)
    return Forecast(horizon, mid * level, lo * level, hi * level, True, growth)


def _flat(days, values, horizon, level, growth) -> Forecast:
    """Too little history for the calendar: the recent mean by weekday and its spread."""
    recent = values[-56:]
    recent_days = days[-56:]
    mean = float(np.nanmean(recent)) or 1.0
    by_weekday = {}
    for wd in range(7):
        picked = [v for d, v in zip(recent_days, recent, strict=True) if d.weekday() == wd]
        picked = [v for v in picked if not np.isnan(v)]
        by_weekday[wd] = (np.mean(picked) / mean) if len(picked) >= 2 else 1.0
    ratios = recent[~np.isnan(recent)] / mean
    q_lo, q_hi = np.quantile(ratios, INTERVAL) if len(ratios) >= 5 else (0.5, 1.5)
    factor = np.array([by_weekday[d.weekday()] for d in horizon])
    mid = level * factor
    return Forecast(
        horizon,
        mid,
        np.minimum(level * q_lo, mid),
        np.maximum(level * q_hi, mid),
        False,
        growth,
    )
