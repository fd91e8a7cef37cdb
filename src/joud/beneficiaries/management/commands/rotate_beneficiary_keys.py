"""Re-encrypt stored civil IDs, phone numbers, case documents and organizations' registration
documents with the newest key of JOUD_FIELD_KEYS.

Rotation: put the new key first in JOUD_FIELD_KEYS (keep the old ones after it), deploy, run
this command, then remove the old keys.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from joud.beneficiaries.services import documents_rotate, rotate_keys
from joud.organizations.services import organization_documents_rotate


class Command(BaseCommand):
    help = "Re-encrypt identifiers, case and registration documents with the newest field key."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rotate_keys()
        self.stdout.write(f"re-encrypted {count} row(s) with the newest key")
        documents = documents_rotate()
        self.stdout.write(f"re-encrypted {documents} case document(s) with the newest key")
        registrations = organization_documents_rotate()
        self.stdout.write(
            f"re-encrypted {registrations} registration document(s) with the newest key"
        )
