"""Backtest of the forecaster over Hijri-year folds, against two seasonal-naive baselines.

Each fold is one Hijri year: the window runs from 30 days before the 1st of Ramadan to 5 days
after Eid al-Adha (10 Dhu al-Hijjah); the model learns from the history up to 60 days before
Ramadan and forecasts the whole window. WAPE (sum of absolute errors over sum of actuals) is
reported over the window and over the last ten nights, for the model, the Gregorian
seasonal-naive (same date last year) and the Hijri seasonal-naive (same Hijri date last year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from joud.core.dates import hijri_month_start, last_ten_nights
from joud.insights.forecast.features import same_hijri_day_last_year
from joud.insights.forecast.model import forecast

BEFORE_RAMADAN = 30
AFTER_ADHA = 5
TRAIN_GAP = 60


@dataclass(frozen=True)
class FoldResult:
    hijri_year: int
    window: dict[str, float]  # method -> WAPE over the window
    nights: dict[str, float]  # method -> WAPE over the last ten nights
    coverage: float  # share of the window's days inside the 80% interval


def wape(actual: np.ndarray, predicted: np.ndarray) -> float:
    total = float(np.sum(np.abs(actual)))
    return float(np.sum(np.abs(actual - predicted)) / total) if total else float("nan")


def fold_window(hijri_year: int) -> tuple[dt.date, dt.date, dt.date]:
    """(training cut-off, first day, last day) of a fold."""
    ramadan = hijri_month_start(hijri_year, 9)
    adha = hijri_month_start(hijri_year, 12) + dt.timedelta(days=9)
    return (
        ramadan - dt.timedelta(days=TRAIN_GAP),
        ramadan - dt.timedelta(days=BEFORE_RAMADAN),
        adha + dt.timedelta(days=AFTER_ADHA),
    )


def _gregorian_last_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def run_fold(history: dict[dt.date, float], hijri_year: int) -> FoldResult:
    cutoff, first, last = fold_window(hijri_year)
    train = {d: v for d, v in history.items() if d <= cutoff}
    result = forecast(train, first, last)
    days = result.days
    actual = np.array([history[d] for d in days])
    methods = {
        "model": result.forecast,
        "gregorian_naive": np.array([history[_gregorian_last_year(d)] for d in days]),
        "hijri_naive": np.array([history[same_hijri_day_last_year(d)] for d in days]),
    }
    nights = set(last_ten_nights(hijri_year))
    mask = np.array([d in nights for d in days])
    inside = (actual >= result.lo) & (actual <= result.hi)
    return FoldResult(
        hijri_year,
        {m: wape(actual, p) for m, p in methods.items()},
        {m: wape(actual[mask], p[mask]) for m, p in methods.items()},
        float(inside.mean()),
    )


def run(history: dict[dt.date, float], hijri_years: list[int]) -> list[FoldResult]:
    return [run_fold(history, year) for year in hijri_years]


def mean_of(results: list[FoldResult], part: str, method: str) -> float:
    return float(np.mean([getattr(r, part)[method] for r in results]))
