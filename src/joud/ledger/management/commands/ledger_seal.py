import time

from django.core.management.base import BaseCommand

from joud.ledger.services import ledger_fold, ledger_seal


class Command(BaseCommand):
    help = "Seal new ledger transactions into the hash chain and fold new deltas into totals."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=0, help="repeat every N seconds (0: once)"
        )

    def handle(self, *args, every: float, **options):
        while True:
            sealed, folded = ledger_seal(), ledger_fold()
            self.stdout.write(f"sealed {sealed} transaction(s), folded {folded} account total(s)")
            if not every:
                return
            time.sleep(every)
