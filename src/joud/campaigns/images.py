"""Uploaded pictures (covers, update photos): checked with Pillow, re-encoded, never SVG; and the
cover drawn for an initiative whose organization uploaded none.

Re-encoding drops whatever else the file carried (scripts, EXIF with GPS positions) and keeps
pages light on a phone: at most 1600 px on the long side, JPEG (or WebP for transparency).
"""

from __future__ import annotations

import io
import math
import random
import uuid
from functools import lru_cache

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageDraw, ImageFilter, ImageOps, UnidentifiedImageError

from joud.core.errors import BusinessError
from joud.core.money import format_number

MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
# A cover fills a phone's width at twice its pixels and is the preview of a shared link
# (1200 x 630 is what link previews ask for; half of it still reads).
COVER_MIN_SIZE = (600, 315)


def process_image(
    upload, *, max_side: int = MAX_SIDE, min_size: tuple[int, int] | None = None
) -> ContentFile:
    """Validate an uploaded picture and return it re-encoded and resized, ready to save;
    ``min_size`` (width, height) refuses a picture too small for where it is shown."""
    name = (getattr(upload, "name", "") or "").lower()
    content_type = (getattr(upload, "content_type", "") or "").lower()
    if name.endswith((".svg", ".svgz")) or "svg" in content_type:
        raise BusinessError(_("SVG pictures are not accepted. Upload a JPEG, PNG or WebP photo."))
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise BusinessError(_("The picture is too large: 10 MB at most."))
    data = upload.read()
    if len(data) > MAX_UPLOAD_BYTES:
        raise BusinessError(_("The picture is too large: 10 MB at most."))
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg")) or b"<svg" in head:
        raise BusinessError(_("SVG pictures are not accepted. Upload a JPEG, PNG or WebP photo."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
        if fmt not in ACCEPTED_FORMATS:
            raise BusinessError(_("Upload a JPEG, PNG or WebP photo."))
        if width * height > MAX_PIXELS:
            raise BusinessError(_("The picture has too many pixels."))
        if min_size and (width < min_size[0] or height < min_size[1]):
            raise BusinessError(
                _(
                    "The picture is too small (%(width)s × %(height)s pixels): "
                    "a cover needs at least %(min_width)s × %(min_height)s."
                )
                % {
                    "width": format_number(width),
                    "height": format_number(height),
                    "min_width": format_number(min_size[0]),
                    "min_height": format_number(min_size[1]),
                }
            )
        image = Image.open(io.BytesIO(data))
        image.load()
    except BusinessError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise BusinessError(
            _("This file is not a picture we can read. Upload a JPEG, PNG or WebP photo.")
        ) from None

    image = ImageOps.exif_transpose(image)
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        image.convert("RGBA").save(out, "WEBP", quality=82, method=4)
        ext = "webp"
    else:
        image.convert("RGB").save(out, "JPEG", quality=84, optimize=True, progressive=True)
        ext = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}")


# ---- the cover drawn when an organization uploaded none ---------------------------------------
# Shapes and colours only, never words: one picture serves the Arabic and the English pages.

ART_SIZE = (960, 540)  # 16:9, sharp on a phone's card at 2x; a hero on a desktop stays soft
ART_VARIANTS = 4  # a few arrangements per category, so that neighbouring cards differ
ART_PALETTES = {
    "orphans": ((11, 110, 79), (217, 180, 106)),
    "school_meals": ((214, 122, 38), (247, 210, 120)),
    "eid_clothing": ((120, 42, 120), (236, 160, 200)),
    "ongoing_charity": ((20, 90, 140), (120, 200, 230)),
    "sacrifices": ((110, 70, 30), (220, 180, 120)),
    "zakat": ((61, 58, 140), (160, 156, 230)),
    "zakat_fitr": ((40, 80, 120), (200, 220, 160)),
    "housing": ((150, 80, 40), (240, 200, 150)),
    "relief": ((138, 45, 31), (230, 140, 80)),
    "debt_relief": ((60, 60, 60), (180, 190, 200)),
    "health": ((170, 30, 60), (250, 170, 180)),
    "education": ((30, 70, 150), (250, 220, 120)),
    "in_kind": ((70, 110, 60), (200, 220, 150)),
}
DEFAULT_ART = "orphans"


def art_variant(seed: str) -> int:
    """The arrangement an initiative gets (stable: from its public code)."""
    return sum((seed or "").encode()) % ART_VARIANTS


def draw_art(
    palette: tuple[tuple[int, int, int], tuple[int, int, int]],
    seed: str,
    size: tuple[int, int] = ART_SIZE,
) -> Image.Image:
    """A gradient in the palette's two colours, an eight-pointed star lattice (as on Omani doors
    and ceilings), a few soft circles and a crescent. No text."""
    rng = random.Random(seed)
    width, height = size
    top, bottom = palette
    image = Image.new("RGB", size)
    px = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        px.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    step = rng.choice([96, 120, 144])
    for cx in range(-step, width + step, step):
        for cy in range(-step, height + step, step):
            points = []
            for k in range(16):
                radius = step * 0.32 * (1 if k % 2 == 0 else 0.62)
                angle = math.pi / 8 * k + math.pi / 16
                points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
            draw.polygon(points, outline=(255, 255, 255, 60), width=2)
    for _n in range(5):
        x, y = rng.randint(width // 3, width), rng.randint(0, height // 2)
        r = rng.randint(24, 80)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, rng.randint(18, 40)))
    mx, my = rng.randint(width // 10, width // 4), rng.randint(height // 6, height // 3)
    draw.ellipse([mx - 56, my - 56, mx + 56, my + 56], fill=(255, 246, 214, 235))
    draw.ellipse([mx - 28, my - 72, mx + 84, my + 40], fill=(0, 0, 0, 0))
    overlay = overlay.filter(ImageFilter.GaussianBlur(0.6))
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


@lru_cache(maxsize=len(ART_PALETTES) * ART_VARIANTS + 1)
def fallback_cover(category: str, variant: int) -> bytes:
    """The JPEG shown for an initiative without an uploaded cover (drawn once per process)."""
    palette = ART_PALETTES.get(category, ART_PALETTES[DEFAULT_ART])
    out = io.BytesIO()
    draw_art(palette, f"{category}-{variant}").save(
        out, "JPEG", quality=80, optimize=True, progressive=True
    )
    return out.getvalue()
