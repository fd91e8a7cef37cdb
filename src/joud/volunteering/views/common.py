"""What every volunteering view shares: the reader's language, QR codes, form errors."""

from __future__ import annotations

import segno
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from joud.core.errors import BusinessError


def reader_language() -> str:
    return (get_language() or "ar").split("-")[0]


def qr_svg(url: str, *, scale: int = 6) -> str:
    return mark_safe(  # noqa: S308 - segno writes the SVG from the URL's bits, no markup passes
        segno.make(url, error="m").svg_inline(scale=scale, dark="#0b6e4f", border=2)
    )


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def form_error(form, exc: BusinessError) -> None:
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(exc.message))
