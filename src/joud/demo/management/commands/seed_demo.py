"""Create the demo world (deterministic; runs once: a second run changes nothing)."""

from django.core.management.base import BaseCommand

from joud.demo.world import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load realistic Arabic demo data: organizations, users for every role, initiatives."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1447)

    def handle(self, *args, seed: int, **options):
        created, logins = seed_demo(seed=seed)
        self.stdout.write("demo data: " + ("created" if created else "already present, unchanged"))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for role, ident, note in logins:
            self.stdout.write(f"  {role:<22} {ident:<32} {note}")
