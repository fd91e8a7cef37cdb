#!/usr/bin/env python
"""Django's command-line utility for Joud."""

import os
import sys
from pathlib import Path


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    # Imported here, once src/ is on the path.
    from django.core.management import execute_from_command_line

    from joud.settings import DEFAULT_MODULE

    # The same default as joud.wsgi: production, which refuses demo defaults; the demo is chosen.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_MODULE)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
