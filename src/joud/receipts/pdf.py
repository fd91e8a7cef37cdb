"""Receipt PDFs: fpdf2 + HarfBuzz shaping + the Amiri font, Arabic (RTL) or English.

Labels follow the receipt's direction; values (names, dedications) their own first letter, with
each bidi run shaped in its own script (``joud.core.pdf``); Latin codes (references, licence
numbers, URLs) are set left-to-right in cells of their own.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache

import fontpkg_amiri
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from joud.core.dates import format_gregorian, format_hijri, format_hijri_year
from joud.core.money import format_money
from joud.core.pdf import set_paragraph_direction

FONT_DIR = fontpkg_amiri.ROOT / "files"


# Per process, safely: the font files of an installed package never change while it runs.
@cache
def _font_files() -> tuple[str, str]:
    return str(FONT_DIR / "Amiri-Regular.ttf"), str(FONT_DIR / "Amiri-Bold.ttf")


def verification_url(receipt) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("receipts:verify", args=[receipt.token])


class _Receipt(FPDF):
    def __init__(self, rtl: bool):
        super().__init__(orientation="P", unit="mm", format=(148, 210))  # A5
        self.rtl = rtl
        regular, bold = _font_files()
        self.add_font("Amiri", "", regular)
        self.add_font("Amiri", "B", bold)
        self.set_auto_page_break(auto=True, margin=12)
        self.set_margins(12, 12, 12)
        self.add_page()

    def shaping(self, rtl: bool | None) -> None:
        """Right-to-left, left-to-right, or (None) as the text's first strong letter says; each
        bidi run inside is shaped in its own script (``joud.core.pdf``)."""
        set_paragraph_direction(self, None if rtl is None else ("rtl" if rtl else "ltr"))

    def line(self, text: str, *, size: int = 12, bold: bool = False, latin: bool = False, h=8):
        self.set_font("Amiri", "B" if bold else "", size)
        self.shaping(False if latin else None)
        align = "R" if self.rtl else "L"
        self.cell(0, h, text, align=align, new_x="LMARGIN", new_y="NEXT")

    def row(self, label: str, value: str, *, latin_value: bool = False) -> None:
        """A label and its value side by side, in the reading order of the language. A value
        takes the direction of its own first letter: an Arabic donor name or dedication inside
        an English receipt reads right to left, a Latin one inside an Arabic receipt left to
        right; ``latin_value`` (references, licence numbers) is always left to right."""
        width = self.w - self.l_margin - self.r_margin
        label_w = 38
        y = self.get_y()
        self.set_font("Amiri", "B", 11)
        self.shaping(self.rtl)
        if self.rtl:
            self.set_xy(self.w - self.r_margin - label_w, y)
            self.cell(label_w, 8, label, align="R")
            self.set_font("Amiri", "", 11)
            self.shaping(False if latin_value else None)
            self.set_xy(self.l_margin, y)
            self.cell(width - label_w - 2, 8, value, align="R")
        else:
            self.set_xy(self.l_margin, y)
            self.cell(label_w, 8, label, align="L")
            self.set_font("Amiri", "", 11)
            self.shaping(False if latin_value else None)
            self.cell(width - label_w, 8, value, align="L")
        self.set_xy(self.l_margin, y + 8)


def render_receipt_pdf(receipt, *, language: str | None = None) -> bytes:
    donation = receipt.donation
    org = donation.organization
    lang = language or donation.language or "ar"
    with translation.override(lang):
        rtl = lang == "ar"
        pdf = _Receipt(rtl)
        cancellation = receipt.kind == "cancellation"
        pdf.set_fill_color(14, 107, 92)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Amiri", "B", 16)
        pdf.shaping(rtl)
        title = _("Cancellation receipt") if cancellation else _("Donation receipt")
        pdf.cell(0, 12, f"{_('Joud')} · {title}", align="C", fill=True)
        pdf.ln(14)
        pdf.set_text_color(0, 0, 0)
        pdf.line(org.name, size=15, bold=True)  # in the receipt's language (overridden above)
        if rtl and org.name_en:
            pdf.line(org.name_en, size=10, latin=True, h=6)
        if org.licence_number:
            pdf.row(_("Licence number"), org.licence_number, latin_value=True)
        pdf.ln(2)
        pdf.row(_("Receipt number"), receipt.display_number, latin_value=True)
        pdf.row(_("Donation reference"), donation.reference, latin_value=True)
        when = timezone.localtime(receipt.issued_at).date()
        pdf.row(_("Date (Hijri)"), format_hijri(when, lang))
        pdf.row(_("Date (Gregorian)"), format_gregorian(when, lang))
        pdf.row(
            _("Donor"),
            donation.public_name
            if donation.is_anonymous
            else (donation.donor_name or donation.public_name),
        )
        pdf.row(_("Given to"), donation.target_title)
        if cancellation:
            pdf.row(_("Refunded amount"), format_money(receipt.refund.amount, language=lang))
            pdf.row(_("Refund reference"), receipt.refund.reference, latin_value=True)
            pdf.row(_("Original gift"), format_money(donation.amount, language=lang))
        else:
            pdf.row(_("Amount"), format_money(donation.amount, language=lang))
        if donation.dedication:
            pdf.row(_("Dedication"), donation.dedication)
        if donation.is_gift and donation.gift_recipient_name:
            pdf.row(_("On behalf of"), donation.gift_recipient_name)
        pdf.ln(4)
        url = verification_url(receipt)
        qr = segno.make(url, error="m")
        buffer = io.BytesIO()
        qr.save(buffer, kind="png", scale=6, border=2)
        buffer.seek(0)
        size = 34
        pdf.image(buffer, x=(pdf.w - size) / 2, y=pdf.get_y(), w=size, h=size)
        pdf.set_y(pdf.get_y() + size + 2)
        pdf.set_font("Amiri", "", 10)
        pdf.shaping(rtl)
        pdf.cell(
            0,
            6,
            _("Scan to check that this receipt is genuine"),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.shaping(False)
        pdf.set_font("Amiri", "", 8)
        pdf.cell(0, 5, url, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_title(title)
        return bytes(pdf.output())


def render_statement_pdf(*, user, hijri_year: int, donations, language: str = "ar") -> bytes:
    """A donor's annual statement: every confirmed gift of one Hijri year, net of refunds."""
    with translation.override(language):
        rtl = language == "ar"
        pdf = _Receipt(rtl)
        pdf.set_fill_color(14, 107, 92)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Amiri", "B", 15)
        pdf.shaping(rtl)
        title = _("Annual giving statement")
        pdf.cell(0, 12, f"{_('Joud')} · {title}", align="C", fill=True)
        pdf.ln(14)
        pdf.set_text_color(0, 0, 0)
        pdf.row(_("Donor"), user.full_name or user.email or user.phone or "")
        pdf.row(_("Hijri year"), format_hijri_year(hijri_year, language))
        total = Decimal("0.000")
        pdf.ln(2)
        for donation in donations:
            net = donation.amount - donation.refunded_amount
            total += net
            when = timezone.localtime(donation.confirmed_at).date()
            # An em dash, never a "·" beside the figures (it reads as a zero).
            pdf.row(
                format_hijri(when, language),
                f"{format_money(net, language=language)} — "
                f"{donation.organization.name_ar if rtl else donation.organization.name}",
            )
        pdf.ln(2)
        pdf.row(_("Total"), format_money(total, language=language))
        return bytes(pdf.output())
