import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from joud.payments.reconciliation import reconcile
from joud.payments.registry import enabled_providers


class Command(BaseCommand):
    help = "Compare each gateway's settlement report with Joud's ledger; list every difference."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="look back this many days")
        parser.add_argument("--provider", default=None)

    def handle(self, *args, days: int, provider: str | None, **options):
        since = timezone.now() - dt.timedelta(days=days)
        total = 0
        for p in enabled_providers():
            if provider and p.identifier != provider:
                continue
            differences = reconcile(provider=p, since=since)
            self.stdout.write(f"{p.identifier}: {len(differences)} difference(s)")
            for d in differences:
                self.stdout.write(f"  {d}")
            total += len(differences)
        if total:
            raise CommandError(f"{total} difference(s) between the gateways and the ledger")
        self.stdout.write(self.style.SUCCESS("gateways and ledger agree"))
