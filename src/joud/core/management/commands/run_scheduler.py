import time

from django.apps import apps
from django.core.management.base import BaseCommand

from joud.core.scheduling import REGISTRY, enqueue_due_jobs


class Command(BaseCommand):
    help = "Enqueue periodic jobs (recurring giving, deadline checks, ledger folding) on time."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0, help="seconds between checks")
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args, interval: float, once: bool, **options):
        # Importing each app's tasks module registers its periodic jobs.
        for config in apps.get_app_configs():
            if config.name.startswith("joud."):
                try:
                    __import__(f"{config.name}.tasks")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.tasks":
                        raise
        self.stdout.write(f"scheduler: {len(REGISTRY)} periodic job(s): {', '.join(REGISTRY)}")
        while True:
            for name in enqueue_due_jobs():
                self.stdout.write(f"scheduler: enqueued {name}")
            if once:
                return
            time.sleep(interval)
