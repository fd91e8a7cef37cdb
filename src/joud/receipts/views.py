"""Receipt downloads (for the donor, by secret link), the public verification pages and the one
verify box (every code the platform prints, ``joud.receipts.verification``).

A receipt asked for in the seconds before the numbering job reaches it is numbered on the spot.
That write is safe in a GET: the receipt follows from the confirmed payment alone, and it is
numbered once (under the organization's counter lock) whoever gets there first, the job or the
reader, so asking twice or never asking changes nothing but when the number is taken.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from joud.campaigns.views.public import qr_inline, verify_url
from joud.core.bounds import HIJRI_YEARS, bounded_int
from joud.core.dates import hijri_month_start
from joud.core.tenancy import scopes_disabled
from joud.donations.selectors import donations_by_reference
from joud.endowments.selectors import share_by_code
from joud.receipts import selectors
from joud.receipts.access import may_download_receipt
from joud.receipts.certificates import render_waqf_certificate_pdf
from joud.receipts.pdf import render_receipt_pdf, render_statement_pdf
from joud.receipts.services import receipt_for_donation, receipt_for_refund
from joud.receipts.verification import Kind, verify_any


def _pdf_response(receipt, request, filename: str) -> HttpResponse:
    lang = request.GET.get("lang") or None
    if lang not in (None, "ar", "en"):
        lang = None
    response = HttpResponse(render_receipt_pdf(receipt, language=lang), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def donation_pdf(request, reference: str):
    donation = donations_by_reference(reference).first()
    if donation is None or not may_download_receipt(request, donation):
        raise Http404
    with scopes_disabled():
        receipt = receipt_for_donation(donation=donation)
        return _pdf_response(receipt, request, f"receipt-{receipt.display_number}")


def refund_pdf(request, reference: str):
    refund = selectors.refunds_by_reference(reference).first()
    if refund is None or not may_download_receipt(request, refund.donation):
        raise Http404
    with scopes_disabled():
        receipt = receipt_for_refund(refund=refund)
        return _pdf_response(receipt, request, f"cancellation-{receipt.display_number}")


def verify(request, token: str):
    receipt = selectors.receipts_by_token(token).first()
    return render(
        request,
        "receipts/verify.html",
        {"receipt": receipt, "donation": receipt.donation if receipt else None},
        status=200 if receipt else 404,
    )


@login_required
def statement_pdf(request, year: int):
    """The signed-in donor's giving in one Hijri year, as a PDF."""
    if bounded_int(year, low=HIJRI_YEARS.start, high=HIJRI_YEARS.stop - 1) is None:
        raise Http404
    start, end = hijri_month_start(year, 1), hijri_month_start(year + 1, 1)
    donations = list(selectors.statement_donations(request.user, start=start, end=end))
    lang = request.GET.get("lang") if request.GET.get("lang") in ("ar", "en") else None
    pdf = render_statement_pdf(
        user=request.user,
        hijri_year=year,
        donations=donations,
        language=lang or request.LANGUAGE_CODE or "ar",
    )
    response = HttpResponse(pdf, "application/pdf")
    response["Content-Disposition"] = f'inline; filename="joud-statement-{year}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def waqf_certificate(request, code: str):
    """A waqf share's certificate, for the donor (like the gift's receipt)."""
    with scopes_disabled():
        share = share_by_code(code)
        if share is None or not may_download_receipt(request, share.donation):
            raise Http404
        lang = request.GET.get("lang")
        pdf = render_waqf_certificate_pdf(share, language=lang if lang in ("ar", "en") else None)
    response = HttpResponse(pdf, "application/pdf")
    response["Content-Disposition"] = f'inline; filename="waqf-share-{share.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def waqf_verify(request, code: str):
    """Anyone checks a share certificate by its code (or its QR code)."""
    with scopes_disabled():
        share = share_by_code(code)
        return render(
            request, "receipts/waqf_verify.html", {"share": share}, status=200 if share else 404
        )


@require_GET
def verify_box(request, code: str = ""):
    """The verify box: any printed code, or a pasted link to one, answered by the one resolver.
    An initiative's answer carries its QR code (the posters' code)."""
    text = code or request.GET.get("code") or ""
    verdict = verify_any(text, request_host=request.get_host()) if text.strip() else None
    shown = "" if verdict is not None and verdict.status == "invalid" else text.strip()[:200]
    context = {"code": shown, "result": verdict}
    if verdict is not None and verdict.kind == Kind.INITIATIVE:
        public_code = verdict.initiative.public_code
        context["code"] = public_code
        context["verify_link"] = verify_url(request, public_code)
        context["qr_svg"] = qr_inline(context["verify_link"], get_language())
    return render(request, "web/verify.html", context)
