from django.core.management.base import BaseCommand, CommandError

from joud.ledger.verify import ledger_verify


class Command(BaseCommand):
    help = "Prove that every ledger transaction balances and the sealed hash chain is intact."

    def handle(self, *args, **options):
        report = ledger_verify()
        self.stdout.write(
            f"transactions: {report.transactions}  entries: {report.entries}  "
            f"sealed: {report.sealed}  unsealed (not yet chained): {report.unsealed}"
        )
        for line in report.problems:
            self.stderr.write(f"PROBLEM: {line}")
        if not report.ok:
            raise CommandError(f"ledger verification FAILED: {len(report.problems)} problem(s)")
        self.stdout.write(self.style.SUCCESS("ledger OK: balanced, chain intact, totals agree"))
