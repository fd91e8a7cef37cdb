"""The certificate of volunteer hours as a PDF (fpdf2 + HarfBuzz shaping + the Amiri font).

Arabic certificates are laid out right-to-left, English ones left-to-right; inside either, each
bidi run (an Arabic name on an English certificate) is shaped in its own script. The verification QR points to the
public page that says whether the certificate is genuine, altered or unknown.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

import fontpkg_amiri
import segno
from django.utils import translation
from django.utils.translation import gettext, ngettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from joud.core.dates import format_gregorian, format_hijri
from joud.core.money import format_number, plural_count
from joud.core.pdf import set_paragraph_direction
from joud.volunteering.models import Certificate, minutes_as_hours

FONT_DIR = fontpkg_amiri.ROOT / "files"
# fontTools logs every glyph of every subset at INFO: keep it out of the server log.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)
GREEN = (11, 110, 79)
SAND = (246, 241, 231)


def _pdf(language: str) -> FPDF:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("Amiri", "", str(FONT_DIR / "Amiri-Regular.ttf"))
    pdf.add_font("Amiri", "B", str(FONT_DIR / "Amiri-Bold.ttf"))
    # The paragraph's direction only: each bidi run (an Arabic name on an English certificate)
    # is shaped in its own script (joud.core.pdf).
    set_paragraph_direction(pdf, "rtl" if language == "ar" else "ltr")
    pdf.set_title("Joud certificate")
    pdf.set_author("Joud")
    pdf.add_page()
    return pdf


def _line(pdf: FPDF, text: str, *, size: int, bold: bool = False, color=(33, 37, 41), gap=4):
    pdf.set_font("Amiri", "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.set_x(25)
    pdf.multi_cell(pdf.w - 50, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(gap)


def _qr_png(url: str) -> io.BytesIO:
    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=6, border=1, dark="#0b6e4f")
    buf.seek(0)
    return buf


def render_certificate(certificate: Certificate, *, verify_url: str) -> bytes:
    language = certificate.language
    content = certificate.content
    with translation.override(language):
        pdf = _pdf(language)
        # Frame.
        pdf.set_fill_color(*SAND)
        pdf.rect(0, 0, pdf.w, pdf.h, style="F")
        pdf.set_draw_color(*GREEN)
        pdf.set_line_width(1.6)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_line_width(0.4)
        pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

        pdf.set_y(34)
        _line(
            pdf,
            gettext("Joud · the national platform for giving and volunteering"),
            size=14,
            color=GREEN,
        )
        _line(
            pdf, gettext("Certificate of volunteer hours"), size=30, bold=True, color=GREEN, gap=6
        )
        _line(pdf, gettext("This certifies that"), size=16)
        _line(pdf, content["name"], size=28, bold=True, gap=8)
        hours = minutes_as_hours(content["minutes"])
        amount = format_number(hours, language)
        count = plural_count(hours)  # "٤ ساعات", "٢٫٥ ساعة": Arabic agrees with the number
        if certificate.kind == Certificate.Kind.OPPORTUNITY:
            text = ngettext(
                "volunteered %(hours)s approved hour with %(org)s in «%(opportunity)s».",
                "volunteered %(hours)s approved hours with %(org)s in «%(opportunity)s».",
                count,
            ) % {"hours": amount, "org": content["org"], "opportunity": content["for"]}
        else:
            text = ngettext(
                "volunteered %(hours)s approved hour in the year %(year)s.",
                "volunteered %(hours)s approved hours in the year %(year)s.",
                count,
            ) % {
                "hours": amount,
                "year": format_number(content["year"], language, grouping=False),
            }
        _line(pdf, text, size=18, gap=10)
        issued = dt.date.fromisoformat(content["issued"])
        _line(
            pdf,
            gettext("Issued on %(gregorian)s (%(hijri)s)")
            % {
                "gregorian": format_gregorian(issued, language),
                "hijri": format_hijri(issued, language),
            },
            size=13,
            color=(92, 99, 106),
            gap=2,
        )
        _line(
            pdf,
            gettext("Certificate number %(code)s") % {"code": content["code"]},
            size=13,
            color=(92, 99, 106),
            gap=2,
        )

        # Verification QR in the bottom corner (the reading end's corner for the language).
        qr_size = 40
        qr_x = 20 if language == "ar" else pdf.w - 20 - qr_size
        pdf.image(_qr_png(verify_url), x=qr_x, y=pdf.h - 20 - qr_size - 6, w=qr_size, h=qr_size)
        pdf.set_font("Amiri", "", 10)
        pdf.set_text_color(92, 99, 106)
        pdf.set_xy(qr_x - 13, pdf.h - 24)
        pdf.cell(qr_size + 26, 5, gettext("Scan to verify"), align="C")
        return bytes(pdf.output())
