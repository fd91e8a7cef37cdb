#!/usr/bin/env python
"""Django's command-line utility for Joud."""

import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    # Imported here, once src/ is on the path.
    from django.core.management import execute_from_command_line

    from joud.settings import default_module

    # The same default as joud.wsgi: production, which refuses demo defaults; the demo is chosen
    # (only the commands that read the source tree alone fall back to it: joud/settings/__init__).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_module(sys.argv))
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
