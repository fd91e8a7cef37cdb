"""Compile every .po under src/joud/*/locale to .mo with Babel: no GNU gettext needed to run Joud."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core.management.base import BaseCommand

SRC = Path(__file__).resolve().parents[3]  # src/joud


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po -> .mo) of every Joud app."

    def handle(self, *args, **options):
        count = 0
        for po_path in sorted(SRC.glob("*/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as f:
                catalog = read_po(f, locale=po_path.parts[-3])
            with mo_path.open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
            count += 1
        self.stdout.write(f"translations: compiled {count} catalogue(s)")
