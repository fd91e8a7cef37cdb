"""The forecaster: Hijri features (across a Hijri year boundary), the CSV command on small and
bad inputs, and the backtest against the seasonal-naive baselines."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from joud.insights.forecast import backtest, features, synthetic
from joud.insights.forecast.model import forecast


def feats(day):
    return dict(zip(features.NAMES, features.day_features(day), strict=True))


def test_ramadan_nights_and_eid_features():
    # Oman's announcement: 1 Ramadan 1447 = Thursday 19 February 2026 (Umm al-Qura: the 18th);
    # Shawwal has no announcement recorded, so 1 Shawwal follows Umm al-Qura (20 March 2026):
    # a 29-day Ramadan. The features follow Oman's calendar (joud.core.dates).
    assert feats(dt.date(2026, 2, 18))["hijri_month"] == 8  # still Sha'ban in Oman
    first = feats(dt.date(2026, 2, 19))
    assert (first["hijri_month"], first["ramadan_day"], first["last_ten"]) == (9, 1, 0)
    # The 27th night begins on the evening of the 26th of Ramadan (16 March 2026).
    eve_27 = feats(dt.date(2026, 3, 16))
    assert (eve_27["ramadan_day"], eve_27["night_27"], eve_27["odd_night"]) == (26, 1, 1)
    assert feats(dt.date(2026, 3, 17))["odd_night"] == 0  # the 28th night is even
    # The evening of the 19th begins the 20th night; the 20th's begins the 21st, the first of ten.
    assert feats(dt.date(2026, 3, 9))["last_ten"] == 0
    assert (feats(dt.date(2026, 3, 10))["last_ten"], feats(dt.date(2026, 3, 10))["odd_night"]) == (
        1,
        1,
    )
    assert feats(dt.date(2026, 3, 19))["days_to_eid_fitr"] == 1
    eid = feats(dt.date(2026, 3, 20))
    assert (eid["eid_fitr_day"], eid["ramadan_day"], eid["last_ten"]) == (1, 0, 0)


def test_dhu_al_hijjah_and_the_hijri_new_year_boundary():
    # 9 Dhu al-Hijjah 1446 (Arafah) = 5 June 2025; 1 Muharram 1447 = 26 June 2025.
    arafah = feats(dt.date(2025, 6, 5))
    assert (arafah["hijri_month"], arafah["dhu_hijjah_day"], arafah["arafah"]) == (12, 9, 1)
    assert feats(dt.date(2025, 6, 6))["eid_adha_day"] == 1
    last = feats(dt.date(2025, 6, 25))
    new_year = feats(dt.date(2025, 6, 26))
    assert (last["hijri_month"], new_year["hijri_month"], new_year["hijri_day"]) == (12, 1, 1)
    assert new_year["dhu_hijjah_day"] == 0
    # Same Hijri day one year earlier, across the boundary: 1 Muharram 1446 = 7 July 2024.
    assert features.same_hijri_day_last_year(dt.date(2025, 6, 26)) == dt.date(2024, 7, 7)


def test_gregorian_features_friday_and_salary_days():
    friday = feats(dt.date(2025, 11, 21))
    assert (friday["friday"], friday["salary_days"], friday["month_day"]) == (1, 1, 21)
    assert feats(dt.date(2025, 11, 26))["salary_days"] == 0


def test_short_history_gives_a_flat_forecast_with_an_interval():
    history = {dt.date(2025, 1, 1) + dt.timedelta(days=n): 100.0 + n % 7 for n in range(30)}
    result = forecast(history, dt.date(2025, 2, 1), dt.date(2025, 2, 10))
    assert not result.seasonal
    assert len(result.days) == 10
    assert all(lo <= mid <= hi for _d, mid, lo, hi in result.rows())
    assert 95 < result.forecast.mean() < 110


def test_the_model_learns_ramadan_and_beats_the_hijri_naive_baseline():
    series = synthetic.SERIES[0]
    history = series.generate(dt.date(2019, 1, 1), dt.date(2025, 7, 1), seed=3)
    fold = backtest.run_fold(history, 1446)
    assert fold.window["model"] < 0.25
    assert fold.window["model"] < 0.8 * fold.window["hijri_naive"]
    assert fold.window["gregorian_naive"] > fold.window["hijri_naive"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["date", "amount"])
        writer.writerows(rows)


def test_forecast_csv_on_a_small_series(tmp_path):
    source, out = tmp_path / "h.csv", tmp_path / "f.csv"
    _write(source, [((dt.date(2025, 3, 1) + dt.timedelta(days=n)).isoformat(), f"{50 + n}.250")
                    for n in range(20)])  # fmt: skip
    call_command(
        "forecast_csv",
        history=str(source),
        start="2025-03-25",
        end="2025-04-03",
        out=str(out),
    )
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["date"] for r in rows] == [
        (dt.date(2025, 3, 25) + dt.timedelta(days=n)).isoformat() for n in range(10)
    ]
    assert list(rows[0]) == ["date", "forecast", "lo", "hi"]
    for r in rows:
        assert float(r["lo"]) <= float(r["forecast"]) <= float(r["hi"])
        assert 40 < float(r["forecast"]) < 90


def test_forecast_csv_with_a_year_of_history_uses_the_calendar(tmp_path):
    source, out = tmp_path / "h.csv", tmp_path / "f.csv"
    history = synthetic.SERIES[0].generate(dt.date(2023, 1, 1), dt.date(2025, 12, 31), seed=1)
    _write(source, [(d.isoformat(), f"{v:.3f}") for d, v in history.items()])
    call_command(
        "forecast_csv", history=str(source), start="2026-02-01", end="2026-03-31", out=str(out)
    )
    with open(out, encoding="utf-8") as f:
        rows = {r["date"]: float(r["forecast"]) for r in csv.DictReader(f)}
    assert len(rows) == 59
    # The evening of the 27th night (15 March 2026) far above an ordinary February day.
    assert rows["2026-03-15"] > 5 * rows["2026-02-03"]


@pytest.mark.parametrize(
    ("rows", "start", "end", "message"),
    [
        ([("2025-01-01", "1e9")], "2025-02-01", "2025-02-02", "plain number"),
        ([("2025-01-01", "-5")], "2025-02-01", "2025-02-02", "plain number"),
        ([("2025-01-01", "9" * 40)], "2025-02-01", "2025-02-02", "plain number"),
        ([("2025-01-01", "5"), ("2025-01-01", "6")], "2025-02-01", "2025-02-02", "twice"),
        ([("2025-13-01", "5")], "2025-02-01", "2025-02-02", "YYYY-MM-DD"),
        ([("2025-01-01\x00", "5")], "2025-02-01", "2025-02-02", "YYYY-MM-DD"),
        ([("2025-01-01", "5")], "2025-02-03", "2025-02-02", "before the start"),
        ([("2025-01-01", "5")], "2025-02-01", "2099-02-02", "at most"),
        ([], "2025-02-01", "2025-02-02", "no rows"),
    ],
)
def test_forecast_csv_refuses_bad_input_with_a_clear_message(tmp_path, rows, start, end, message):
    source = tmp_path / "h.csv"
    _write(source, rows)
    with pytest.raises(CommandError, match=message):
        call_command(
            "forecast_csv", history=str(source), start=start, end=end, out=str(tmp_path / "o")
        )


def test_forecast_csv_speaks_arabic(tmp_path):
    source = tmp_path / "h.csv"
    _write(source, [("2025-01-01", "1e9")])
    with translation.override("ar"), pytest.raises(CommandError) as caught:
        call_command(
            "forecast_csv", history=str(source), start="2025-02-01", end="2025-02-02", out="x"
        )
    assert "الصف" in str(caught.value)


def test_forecast_csv_missing_file(tmp_path):
    with pytest.raises(CommandError, match="not found"):
        call_command(
            "forecast_csv",
            history=str(tmp_path / "none.csv"),
            start="2025-02-01",
            end="2025-02-02",
            out=str(tmp_path / "o"),
        )
