"""``manage.py insights_rebuild``: rewrite every insights table from the source rows."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from joud.insights.services import rollups_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the insights rollups (daily giving, donors, cohorts, funnels, needs) from scratch."
    )

    def handle(self, *args, **options):
        done = rollups_rebuild()
        self.stdout.write(f"{done['rows']} daily rows, {done['donors']} donor profiles")
