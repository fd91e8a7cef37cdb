"""Pictures for the demo's initiatives, updates and reports, drawn with Pillow (no downloads):
the platform's own cover art (``joud.campaigns.images.draw_art``), with no words in the picture,
so that the same picture serves the Arabic and the English pages."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile

from joud.campaigns.images import ART_PALETTES, DEFAULT_ART, draw_art

WIDTH, HEIGHT = 1200, 675


def draw_cover(category: str, seed: str, subtitle: str = "") -> ContentFile:
    """``subtitle`` is kept for the callers: words belong on the page, not in the picture."""
    palette = ART_PALETTES.get(category, ART_PALETTES[DEFAULT_ART])
    image = draw_art(palette, seed, (WIDTH, HEIGHT))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=f"demo-{category}.jpg")
