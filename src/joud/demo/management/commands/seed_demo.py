"""Create the demo world (deterministic; runs once: a second run changes nothing)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from joud.demo.world import DEMO_PASSWORD, seed_demo

# The demo's users share one published password: their database must never serve the public.
DEMO_PROFILES = ("demo", "test")


class Command(BaseCommand):
    help = "Load realistic Arabic demo data: organizations, users for every role, initiatives."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1447)

    def handle(self, *args, seed: int, **options):
        profile = getattr(settings, "JOUD_PROFILE", "")
        if profile not in DEMO_PROFILES or "joud.demo" not in settings.INSTALLED_APPS:
            raise CommandError(
                f"seed_demo runs only with the demo settings (joud.settings.base), not the "
                f"{profile or 'unknown'} profile: its users share a published password."
            )
        created, logins = seed_demo(seed=seed)
        self.stdout.write("demo data: " + ("created" if created else "already present, unchanged"))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for role, ident, note in logins:
            self.stdout.write(f"  {role:<22} {ident:<32} {note}")
