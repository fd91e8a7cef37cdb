"""Cover pictures drawn with Pillow for the demo (no downloads): a gradient in the category's
colours, a geometric motif and the category's Arabic name set in Amiri."""

from __future__ import annotations

import io
import math
import random

import fontpkg_amiri
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

WIDTH, HEIGHT = 1200, 675

PALETTES = {
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
LABELS_AR = {
    "orphans": "كفالة الأيتام",
    "school_meals": "الوجبات المدرسية",
    "eid_clothing": "كسوة العيد",
    "ongoing_charity": "صدقة جارية",
    "sacrifices": "الأضاحي",
    "zakat": "الزكاة",
    "zakat_fitr": "زكاة الفطر",
    "housing": "الإسكان",
    "relief": "الإغاثة",
    "debt_relief": "تفريج كربة",
    "health": "الصحة",
    "education": "التعليم",
    "in_kind": "تبرع عيني",
}


def _font(size: int):
    path = fontpkg_amiri.ROOT / "files" / "Amiri-Bold.ttf"
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


def draw_cover(category: str, seed: str, subtitle: str = "") -> ContentFile:
    rng = random.Random(seed)
    top, bottom = PALETTES.get(category, PALETTES["orphans"])
    image = Image.new("RGB", (WIDTH, HEIGHT))
    px = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / HEIGHT
        px.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    # An eight-pointed star lattice, as on Omani doors and ceilings.
    step = rng.choice([120, 150, 180])
    for cx in range(-step, WIDTH + step, step):
        for cy in range(-step, HEIGHT + step, step):
            r = step * 0.32
            points = []
            for k in range(16):
                radius = r if k % 2 == 0 else r * 0.62
                angle = math.pi / 8 * k + math.pi / 16
                points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
            draw.polygon(points, outline=(255, 255, 255, 60), width=3)
    # A few soft circles, then a crescent above them.
    for _ in range(5):
        x, y, r = rng.randint(400, WIDTH), rng.randint(0, HEIGHT // 2), rng.randint(30, 100)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, rng.randint(18, 40)))
    moon_x, moon_y = rng.randint(140, 320), rng.randint(110, 200)
    draw.ellipse([moon_x - 70, moon_y - 70, moon_x + 70, moon_y + 70], fill=(255, 246, 214, 235))
    draw.ellipse([moon_x - 35, moon_y - 90, moon_x + 105, moon_y + 50], fill=(0, 0, 0, 0))
    overlay = overlay.filter(ImageFilter.GaussianBlur(0.6))
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    text = ImageDraw.Draw(image)
    label = LABELS_AR.get(category, "جود")
    font = _font(120)
    kwargs = {"direction": "rtl", "language": "ar"} if features.check("raqm") else {}
    box = text.textbbox((0, 0), label, font=font, **kwargs)
    x = WIDTH - 80 - (box[2] - box[0])
    y = HEIGHT - 120 - (box[3] - box[1]) - (60 if subtitle else 0)
    text.text((x + 4, y + 4), label, font=font, fill=(0, 0, 0, 90), **kwargs)
    text.text((x, y), label, font=font, fill=(255, 255, 255, 255), **kwargs)
    if subtitle:
        small = _font(52)
        sbox = text.textbbox((0, 0), subtitle, font=small, **kwargs)
        text.text(
            (WIDTH - 80 - (sbox[2] - sbox[0]), HEIGHT - 110),
            subtitle,
            font=small,
            fill=(255, 255, 255, 230),
            **kwargs,
        )
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name=f"demo-{category}.jpg")
