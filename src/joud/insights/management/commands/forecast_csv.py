"""``manage.py forecast_csv --history FILE.csv --start YYYY-MM-DD --end YYYY-MM-DD --out OUT.csv``:
the forecaster on outside data (``date,amount``, one row per day) and nothing else."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from joud.insights.forecast.csvio import (
    BadHistory,
    check_range,
    parse_date,
    read_history,
    write_forecast,
)
from joud.insights.forecast.model import forecast


class Command(BaseCommand):
    help = "Forecast daily amounts (with an 80% interval) from a date,amount CSV history."

    def add_arguments(self, parser):
        parser.add_argument("--history", required=True, help="CSV with the columns date,amount")
        parser.add_argument("--start", required=True, help="first day to forecast, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="last day to forecast, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="CSV to write: date,forecast,lo,hi")

    def handle(self, *args, **options):
        try:
            start = parse_date(options["start"], _("The start date"))
            end = parse_date(options["end"], _("The end date"))
            check_range(start, end)
            try:
                with open(options["history"], encoding="utf-8-sig", newline="") as stream:
                    history = read_history(stream)
            except FileNotFoundError:
                raise BadHistory(_("The history file was not found.")) from None
            except UnicodeDecodeError:
                raise BadHistory(_("The history file is not UTF-8 text.")) from None
            result = forecast(history, start, end)
            with open(options["out"], "w", encoding="utf-8", newline="") as stream:
                write_forecast(stream, result)
        except (BadHistory, OSError) as exc:
            raise CommandError(str(exc)) from None
        kind = _("calendar model") if result.seasonal else _("recent weekday mean (short history)")
        known = ngettext(
            "from %(known)d day of history", "from %(known)d days of history", len(history)
        ) % {"known": len(history)}
        self.stdout.write(
            ngettext(
                "%(days)d day forecast %(known)s (%(kind)s).",
                "%(days)d days forecast %(known)s (%(kind)s).",
                len(result.days),
            )
            % {"days": len(result.days), "known": known, "kind": kind}
        )
