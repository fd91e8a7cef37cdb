"""The forecast backtest of ``make evaluate``: two generated series, five Hijri-year folds."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np

from joud.insights.forecast import backtest, synthetic

HISTORY = (dt.date(2015, 1, 1), dt.date(2025, 12, 31))
FOLDS = [1442, 1443, 1444, 1445, 1446]
SEED = 2026
METHODS = ("model", "gregorian_naive", "hijri_naive")
TARGET_WAPE = 0.20
TARGET_GAIN = 0.20  # at least 20% below the Hijri seasonal-naive


def evaluate(out=print) -> bool:
    ok = True
    out(f"== Forecast: WAPE averaged over the folds (Hijri years {', '.join(map(str, FOLDS))}) ==")
    out(
        "   window: 30 days before 1 Ramadan to 5 days after Eid al-Adha; "
        "trained on the history up to 60 days before Ramadan"
    )
    for series in synthetic.SERIES:
        started = time.perf_counter()
        history = series.generate(*HISTORY, seed=SEED)
        results = backtest.run(history, FOLDS)
        out(
            f"-- series '{series.name}': growth {series.yearly_growth - 1:.0%}/year, "
            f"noise sigma {series.noise}"
        )
        for r in results:
            out(
                f"   {r.hijri_year} AH  window "
                + "  ".join(f"{m} {r.window[m]:6.1%}" for m in METHODS)
                + f"  | last ten nights model {r.nights['model']:6.1%}"
                + f"  | inside 80% interval {r.coverage:.0%}"
            )
        window = {m: backtest.mean_of(results, "window", m) for m in METHODS}
        nights = {m: backtest.mean_of(results, "nights", m) for m in METHODS}
        coverage = sum(r.coverage for r in results) / len(results)
        floor = _noise_floor(series, history)
        gain = 1 - window["model"] / window["hijri_naive"]
        passed = window["model"] <= TARGET_WAPE and gain >= TARGET_GAIN
        ok = ok and passed
        out(
            "   mean window      "
            + "  ".join(f"{m} {window[m]:6.1%}" for m in METHODS)
            + f"  (the noise alone, a perfect model: {floor:.1%})"
        )
        out("   mean last ten    " + "  ".join(f"{m} {nights[m]:6.1%}" for m in METHODS))
        out(
            f"   model vs Hijri naive: {gain:.0%} lower; 80% interval held {coverage:.0%} of days; "
            f"target WAPE <= {TARGET_WAPE:.0%} and >= {TARGET_GAIN:.0%} below Hijri naive: "
            f"{'MET' if passed else 'NOT MET'} ({time.perf_counter() - started:.0f} s)"
        )
    return ok


def _noise_floor(series, history) -> float:
    """WAPE of the noiseless series over the same windows: no forecaster can do better."""
    scores = []
    for year in FOLDS:
        _cut, first, last = backtest.fold_window(year)
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        actual = np.array([history[d] for d in days])
        perfect = np.array([series.median(HISTORY[0], d) for d in days])
        scores.append(backtest.wape(actual, perfect))
    return float(np.mean(scores))
