"""Arabic inside English PDFs and English inside Arabic ones: each run shaped in its own script
and read in its own direction (the donor's name, the dedication, a volunteer's name)."""

from __future__ import annotations

import re

import pytest

from joud.core.tenancy import scopes_disabled
from joud.receipts.pdf import render_receipt_pdf
from joud.receipts.services import receipt_for_donation
from joud.volunteering import services as volunteering
from joud.volunteering.models import Application
from joud.volunteering.pdf import render_certificate
from tests.donations.factories import make_donation, pay
from tests.pdf_text import (
    line_after,
    needs_poppler,
    pdf_text,
    pdf_words,
    plain,
    read_ltr,
    read_rtl,
    width,
)
from tests.volunteering.factories import ApplicationFactory

pytestmark = [pytest.mark.django_db, needs_poppler]

NAME = "سالم بن راشد الحارثي"
DEDICATION = "صدقة جارية عن روح والدي"


def _receipt(initiative, **kw):
    donation, attempt = make_donation(initiative=initiative, amount="25.000", **kw)
    pay(attempt)
    with scopes_disabled():
        donation.refresh_from_db()
        return receipt_for_donation(donation=donation)


def _render(receipt, language):
    with scopes_disabled():
        return render_receipt_pdf(receipt, language=language)


def test_an_arabic_name_and_dedication_in_an_english_receipt(initiative):
    receipt = _receipt(initiative, donor_name=NAME, dedication=DEDICATION, language="en")
    english, arabic = _render(receipt, "en"), _render(receipt, "ar")
    words_en, words_ar = pdf_words(english), pdf_words(arabic)
    # Read right to left, word by word, in the order the donor wrote them.
    assert read_rtl(line_after(words_en, "Donor")) == NAME.replace(" ", "")
    assert read_rtl(line_after(words_en, "Dedication")) == DEDICATION.replace(" ", "")
    # Shaped, not drawn letter by letter: joined Arabic is as wide in the English receipt as in
    # the Arabic one (unjoined isolated letters took 40 % more room).
    name_ar = [w for w in words_ar if w.text[::-1] in NAME.split()]
    assert abs(width(line_after(words_en, "Donor")) - width(name_ar)) < 1.0
    text = plain(pdf_text(english))
    assert "Donation receipt" in text and "OMR 25" in text and "25.000" not in text


def test_english_text_in_an_arabic_receipt_reads_left_to_right(initiative):
    receipt = _receipt(initiative, donor_name="Sarah Al-Farsi", dedication="For my mother Maryam")
    words = pdf_words(_render(receipt, "ar"))
    # The Arabic labels sit on the right; the Latin values to their left, in their own order.
    latin = [w for w in words if w.text.isascii() and w.text.replace("-", "").isalpha()]
    assert "Sarah Al-Farsi" in read_ltr(latin)
    assert "For my mother Maryam" in read_ltr(latin)
    text = plain(pdf_text(_render(receipt, "ar")))
    flat = text.replace(" ", "")  # pdftotext spaces the digit run from the letters oddly
    assert "٢٥ر.ع." in flat and "٢٥٫٠٠٠" not in flat  # whole rials: no baisa


def _arabic_words(pdf: bytes):
    return [w for w in pdf_words(pdf) if w.text and "\u0600" <= w.text[0] <= "\u06ff"]


def test_an_arabic_name_on_an_english_certificate():
    name = "ريم بنت عبدالله الشكيلية"
    application = ApplicationFactory(
        hours_status=Application.Hours.APPROVED,
        minutes=240,
        approved_minutes=240,
        volunteer__full_name=name,
    )
    person, opportunity = application.volunteer, application.shift.opportunity
    english = volunteering.certificate_issue(
        volunteer=person, opportunity=opportunity, language="en"
    )
    arabic = volunteering.certificate_issue(volunteer=person, opportunity=opportunity)
    pdf = render_certificate(english, verify_url="http://127.0.0.1:8000/v/x/")
    drawn = _arabic_words(pdf)
    assert read_rtl(drawn) == name.replace(" ", "")
    # Joined as on the Arabic certificate (same face and size), not letter by letter.
    lines: dict[float, list] = {}
    for w in _arabic_words(render_certificate(arabic, verify_url="http://127.0.0.1:8000/v/")):
        lines.setdefault(round(w.y_min), []).append(w)
    same_name = next(ws for ws in lines.values() if read_rtl(ws) == name.replace(" ", ""))
    assert abs(width(drawn) - width(same_name)) < 1.0
    assert "volunteered 4 approved hours" in plain(pdf_text(pdf))


def test_the_arabic_certificate_speaks_in_arabic_digits():
    application = ApplicationFactory(
        hours_status=Application.Hours.APPROVED, minutes=150, approved_minutes=150
    )
    certificate = volunteering.certificate_issue(
        volunteer=application.volunteer, opportunity=application.shift.opportunity, language="ar"
    )
    text = pdf_text(render_certificate(certificate, verify_url="http://127.0.0.1:8000/v/x/"))
    assert "٢٫٥" in text and "2.5" not in text


@pytest.mark.parametrize(
    ("minutes", "arabic"),
    [(60, "تطوّع ساعة واحدة معتمدة"), (240, "تطوّع ٤ ساعات معتمدة"), (660, "تطوّع ١١ ساعة معتمدة")],
)
def test_the_arabic_certificate_agrees_with_its_number_of_hours(minutes, arabic):
    application = ApplicationFactory(
        hours_status=Application.Hours.APPROVED, minutes=minutes, approved_minutes=minutes
    )
    certificate = volunteering.certificate_issue(
        volunteer=application.volunteer, opportunity=application.shift.opportunity, language="ar"
    )
    text = plain(pdf_text(render_certificate(certificate, verify_url="http://127.0.0.1/v/")))
    assert arabic.replace(" ", "") in re.sub(r"\s+", "", text)  # pdftotext's spacing is loose
