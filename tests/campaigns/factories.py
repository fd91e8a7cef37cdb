"""Helpers for initiatives in each state, and pictures made in memory."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from joud.campaigns.models import Initiative
from tests.factories import InitiativeFactory


def draft_initiative(**kwargs) -> Initiative:
    today = timezone.localdate()
    defaults = {
        "state": Initiative.State.DRAFT,
        "story_ar": "قصة المبادرة: نكفل الأيتام في الولاية ونرسل تقريراً بكل ريال.",
        "starts_on": today + dt.timedelta(days=20),
        "ends_on": today + dt.timedelta(days=60),
        "admin_share_percent": "1.50",
    }
    defaults.update(kwargs)
    return InitiativeFactory(**defaults)


def picture(
    name: str = "cover.png", size=(2400, 1200), mode: str = "RGB", fmt: str = "PNG"
) -> SimpleUploadedFile:
    image = Image.new(mode, size, (11, 110, 79, 255) if mode == "RGBA" else (11, 110, 79))
    out = io.BytesIO()
    image.save(out, fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def svg_file(name: str = "cover.svg", content_type: str = "image/svg+xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SVG, content_type=content_type)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_file(name: str = "certificate.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
