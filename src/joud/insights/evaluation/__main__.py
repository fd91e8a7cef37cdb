"""``python -m joud.insights.evaluation`` (``make evaluate``): the forecaster backtested on
generated Hijri-shaped series, the recommender's recall@10 against popularity, and the
card-testing detector on injected bursts. Exits 1 if a target is not met."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", choices=("forecast", "recommend", "anomalies"), help="run one part only"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joud.settings.base")
    import django

    django.setup()
    from joud.insights.evaluation import anomalies, forecast, recommend

    parts = {
        "forecast": forecast.evaluate,
        "recommend": recommend.evaluate,
        "anomalies": anomalies.evaluate,
    }
    ok = True
    for name, run in parts.items():
        if args.only in (None, name):
            ok = run() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
