"""The shareable profile card as a PNG (Pillow; Arabic shaped by Raqm/HarfBuzz, laid out RTL).

1200×630 is the size social networks expect for an Open Graph image.
"""

from __future__ import annotations

import io

import fontpkg_amiri
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageDraw, ImageFont, features

from joud.core.money import format_number

FONT_DIR = fontpkg_amiri.ROOT / "files"
WIDTH, HEIGHT = 1200, 630
GREEN = (11, 110, 79)
GREEN_DARK = (8, 83, 59)
SAND = (246, 241, 231)
WHITE = (255, 255, 255)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "Amiri-Bold.ttf" if bold else "Amiri-Regular.ttf"
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(FONT_DIR / name), size, layout_engine=layout)


def _text(draw, xy, text, *, font, fill, language, anchor):
    kwargs = {}
    if features.check("raqm"):
        kwargs = {"direction": "rtl" if language == "ar" else "ltr", "language": language}
    draw.text(xy, text, font=font, fill=fill, anchor=anchor, **kwargs)


def render_card(
    *,
    name: str,
    level: str,
    hours,
    badges: list[str],
    certificates: int,
    donations: int,
    language: str,
) -> bytes:
    with translation.override(language):
        rtl = language == "ar"
        image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((40, 40, WIDTH - 40, HEIGHT - 40), radius=36, fill=SAND)
        draw.rounded_rectangle(
            (40, HEIGHT - 150, WIDTH - 40, HEIGHT - 40), radius=36, fill=GREEN_DARK
        )
        draw.rectangle((40, HEIGHT - 150, WIDTH - 40, HEIGHT - 110), fill=GREEN_DARK)

        edge = WIDTH - 90 if rtl else 90
        anchor = "ra" if rtl else "la"
        far = 90 if rtl else WIDTH - 90
        far_anchor = "la" if rtl else "ra"
        _text(
            draw,
            (edge, 70),
            gettext("Joud"),
            font=_font(56, True),
            fill=GREEN,
            language=language,
            anchor=anchor,
        )
        _text(
            draw,
            (far, 88),
            gettext("Giving and volunteering"),
            font=_font(30),
            fill=GREEN,
            language=language,
            anchor=far_anchor,
        )
        _text(
            draw,
            (edge, 170),
            name,
            font=_font(68, True),
            fill=(33, 37, 41),
            language=language,
            anchor=anchor,
        )
        _text(
            draw,
            (edge, 265),
            level,
            font=_font(40),
            fill=GREEN_DARK,
            language=language,
            anchor=anchor,
        )
        stats = [
            (format_number(hours, language), gettext("volunteer hours")),
            (format_number(certificates, language), gettext("certificates")),
            (format_number(donations, language), gettext("donations")),
        ]
        column = (WIDTH - 180) // 3
        for i, (value, label) in enumerate(stats):
            x = (WIDTH - 90 - column * i - column // 2) if rtl else (90 + column * i + column // 2)
            _text(
                draw,
                (x, 345),
                value,
                font=_font(64, True),
                fill=GREEN,
                language=language,
                anchor="ma",
            )
            _text(
                draw,
                (x, 430),
                label,
                font=_font(30),
                fill=(92, 99, 106),
                language=language,
                anchor="ma",
            )
        badge_line = " · ".join(badges) if badges else gettext("The first badge is one shift away")
        _text(
            draw,
            (WIDTH // 2, HEIGHT - 118),
            badge_line,
            font=_font(36, True),
            fill=WHITE,
            language=language,
            anchor="ma",
        )
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()
