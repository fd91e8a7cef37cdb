"""Move organizations' registration documents stored before encryption into the private,
encrypted store.

Documents uploaded before organizations migration 0003 were kept unencrypted in the public media
storage (``private/organizations/<id>/<name>``: on S3, the public media bucket). This command
encrypts each one, stores it under a random name in the ``documents`` storage and deletes the old
file. It can run again at any time: moved documents are skipped.
"""

from django.core.management.base import BaseCommand

from joud.organizations.services import organization_documents_move_legacy


class Command(BaseCommand):
    help = "Encrypt registration documents kept before encryption and move them to the private storage."

    def handle(self, *args, **options):
        counts = organization_documents_move_legacy()
        self.stdout.write(
            f"moved {counts['moved']} document(s); {counts['missing']} missing file(s)"
        )
        if counts["missing"]:
            self.stderr.write("some files were not found: see the log, restore them, run again")
