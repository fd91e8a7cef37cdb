"""Move case documents stored before encryption into the private, encrypted store.

Documents uploaded before migration 0003 kept their original names in the public media storage
(``cases/<year>/<month>/evil.html``), and those uploaded before 0004 were stored unencrypted.
This command encrypts each one, stores it under a random name in the ``documents`` storage and
deletes the old file. It can run again at any time: moved documents are skipped.
"""

from django.core.management.base import BaseCommand

from joud.beneficiaries.services import documents_move_legacy


class Command(BaseCommand):
    help = "Encrypt case documents kept before encryption and move them to the private storage."

    def handle(self, *args, **options):
        counts = documents_move_legacy()
        self.stdout.write(
            f"moved {counts['moved']} document(s); {counts['missing']} missing file(s)"
        )
        if counts["missing"]:
            self.stderr.write("some files were not found: see the log, restore them, run again")
