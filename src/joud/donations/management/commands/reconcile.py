"""``manage.py reconcile --provider sandbox --date 2026-11-25 [--file report.csv]``

Prints every difference between the gateway's report and the ledger as a table, records the
run in the audit log, and exits with status 1 when there are differences (2 when the report
cannot be read), so that a cron job or CI step notices.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.donations.reconciliation import format_table, reconciliation_run
from joud.payments.settlement import ReportError


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date must look like 2026-11-25, not {value!r}") from exc


class Command(BaseCommand):
    help = "Compare a payment gateway's records for one day with the ledger; list every difference."

    def add_arguments(self, parser):
        parser.add_argument("--provider", required=True, help="sandbox, thawani or stripe")
        parser.add_argument(
            "--date", help="the day to reconcile, YYYY-MM-DD (default: yesterday, local time)"
        )
        parser.add_argument(
            "--file",
            help="the gateway's report (Stripe: balance transactions CSV; Thawani: sessions "
            "list JSON); default: JOUD_RECONCILIATION_DIR/<provider>-<date>.csv|json",
        )

    def handle(self, *args, provider: str, date: str | None, file: str | None, **options):
        day = _day(date) if date else timezone.localdate() - dt.timedelta(days=1)
        try:
            with scopes_disabled():
                result = reconciliation_run(provider, day, file)
        except (FileNotFoundError, ReportError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        summary = result.summary()
        self.stdout.write(
            f"{provider} {day.isoformat()}: {summary['report_payments']} payment(s) at the "
            f"gateway, {summary['ledger_payments']} in the ledger, {summary['matched']} matched, "
            f"{summary['differences']} difference(s)"
        )
        if result.ok:
            self.stdout.write(self.style.SUCCESS("no differences"))
            return
        self.stdout.write(format_table(result))
        counts = ", ".join(f"{k}: {v}" for k, v in summary["counts"].items() if v)
        self.stderr.write(self.style.ERROR(f"differences found ({counts})"))
        raise SystemExit(1)
