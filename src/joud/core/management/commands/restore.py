from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from joud.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into an empty PostgreSQL database and "
        "the file storages, then check it: row counts and the ledger's chain head equal the "
        "backup's and ledger_verify passes."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the objects and files the backup holds in a database or folder "
            "that is not empty",
        )
        parser.add_argument(
            "--accept-other-keys",
            action="store_true",
            help="restore although JOUD_FIELD_KEYS / JOUD_BLIND_INDEX_KEY differ from the backup's",
        )

    def handle(self, *args, folder, database, force, accept_other_keys, **options):
        try:
            restore_backup(
                Path(folder),
                alias=database,
                force=force,
                accept_other_keys=accept_other_keys,
                log=self.stdout.write,
            )
        except BackupError as exc:
            raise CommandError(f"restore refused or failed: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"restored from {folder}"))
