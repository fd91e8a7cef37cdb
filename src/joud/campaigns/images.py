"""Uploaded pictures (covers, update photos): checked with Pillow, re-encoded, never SVG.

Re-encoding drops whatever else the file carried (scripts, EXIF with GPS positions) and keeps
pages light on a phone: at most 1600 px on the long side, JPEG (or WebP for transparency).
"""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from joud.core.errors import BusinessError

MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def process_image(upload, *, max_side: int = MAX_SIDE) -> ContentFile:
    """Validate an uploaded picture and return it re-encoded and resized, ready to save."""
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
