"""The waqf share certificate: the receipt's PDF machinery (Amiri, HarfBuzz shaping, the QR
code to the verification page), Arabic or English."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from joud.core.dates import format_gregorian, format_hijri
from joud.core.money import format_money
from joud.receipts.pdf import _Receipt


def certificate_verification_url(share) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("receipts:waqf_verify", args=[share.code])


def render_waqf_certificate_pdf(share, *, language: str | None = None) -> bytes:
    donation, waqf = share.donation, share.waqf
    org = waqf.organization
    lang = language or donation.language or "ar"
    with translation.override(lang):
        rtl = lang == "ar"
        pdf = _Receipt(rtl)
        title = _("Endowment share certificate")
        pdf.set_fill_color(14, 107, 92)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Amiri", "B", 16)
        pdf.shaping(rtl)
        pdf.cell(0, 12, f"{_('Joud')} · {title}", align="C", fill=True)
        pdf.ln(14)
        pdf.set_text_color(0, 0, 0)
        pdf.line(waqf.name, size=15, bold=True)
        pdf.line(org.name, size=11)
        if org.licence_number:
            pdf.row(_("Licence number"), org.licence_number, latin_value=True)
        pdf.ln(2)
        pdf.row(_("Certificate code"), share.code, latin_value=True)
        pdf.row(_("Donation reference"), donation.reference, latin_value=True)
        when = timezone.localtime(donation.confirmed_at or share.created_at).date()
        pdf.row(_("Date (Hijri)"), format_hijri(when, lang))
        pdf.row(_("Date (Gregorian)"), format_gregorian(when, lang))
        pdf.row(
            _("Endower"),
            donation.public_name
            if donation.is_anonymous
            else (donation.donor_name or donation.public_name),
        )
        pdf.row(_("Share in the principal"), format_money(donation.amount, language=lang))
        pdf.ln(2)
        pdf.set_font("Amiri", "", 10)
        pdf.shaping(rtl)
        pdf.multi_cell(
            0,
            6,
            _(
                "This share joins the endowment's principal, which is kept for ever; only its "
                "returns are spent, on the purposes of its deed: %(purpose)s"
            )
            % {"purpose": waqf.purpose},
            align="R" if rtl else "L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(2)
        url = certificate_verification_url(share)
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
        buffer.seek(0)
        size = 30
        pdf.image(buffer, x=(pdf.w - size) / 2, y=pdf.get_y(), w=size, h=size)
        pdf.set_y(pdf.get_y() + size + 2)
        pdf.set_font("Amiri", "", 10)
        pdf.shaping(rtl)
        pdf.cell(
            0, 6, _("Scan to check that this certificate is genuine"), align="C",
            new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        pdf.shaping(False)
        pdf.set_font("Amiri", "", 8)
        pdf.cell(0, 5, url, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_title(title)
        return bytes(pdf.output())
