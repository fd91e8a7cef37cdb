from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from joud.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Back up into a new folder: a consistent pg_dump (custom format), the uploaded files, "
        "manifest.json (migrations, row counts, ledger head hash) and KEYS-NEEDED.txt (names "
        "and fingerprints of the keys, never their values). PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a new or empty folder")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, folder: str, database: str, **options):
        try:
            manifest = write_backup(Path(folder), alias=database, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(f"backup refused: {exc}") from exc
        ledger = manifest.get("ledger") or {}
        copied = {a: i.get("files", 0) for a, i in manifest["files"].items() if i.get("copied")}
        self.stdout.write(
            f"tables: {len(manifest['tables'])}  ledger transactions: "
            f"{ledger.get('transactions', 0)}  chain head: #{ledger.get('head_seq', 0)} "
            f"{ledger.get('head_hash', '')}  files: {copied or 'none on the local disk'}"
        )
        self.stdout.write(self.style.SUCCESS(f"backup written to {folder}"))
