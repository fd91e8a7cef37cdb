"""Static assets that come from Python packages: served by the platform itself, never a CDN."""

from pathlib import Path

import bootstrap_wrapper
import fontpkg_amiri
import fontpkg_ibm_plex_sans_arabic

_BOOTSTRAP_DIR = Path(bootstrap_wrapper.__file__).resolve().parent.parent / "bootstrap"

ASSET_DIRS = [
    ("vendor/bootstrap", str(_BOOTSTRAP_DIR)),
    ("vendor/amiri", str(fontpkg_amiri.ROOT / "files")),
    # The interface face (Arabic and its matching Latin): IBM Plex Sans Arabic.
    ("vendor/plex-arabic", str(fontpkg_ibm_plex_sans_arabic.ROOT / "files")),
]
AMIRI_FONT_DIR = fontpkg_amiri.ROOT / "files"
