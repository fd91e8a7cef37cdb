"""Run duplicate detection over every person in every case; raise alerts for review."""

from django.core.management.base import BaseCommand

from joud.beneficiaries.services import duplicates_detect_all


class Command(BaseCommand):
    help = "Detect suspected duplicate beneficiaries across all associations (never merges)."

    def handle(self, *args, **options):
        summary = duplicates_detect_all()
        self.stdout.write(
            "people {people} · candidate pairs {candidate_pairs} · groups {groups} · "
            "new alerts {alerts_raised} · {seconds} s".format(**summary)
        )
