"""Receipt downloads (for the donor, by secret link) and the public verification page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.crypto import constant_time_compare

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, Refund
from joud.receipts.models import Receipt
from joud.receipts.pdf import render_receipt_pdf
from joud.receipts.services import receipt_for_donation, receipt_for_refund


def _allowed(request, donation: Donation) -> bool:
    from joud.donations.views import is_own

    token = request.GET.get("t", "")
    return (bool(token) and constant_time_compare(token, donation.access_token)) or is_own(
        request, donation
    )


def _pdf_response(receipt, request, filename: str) -> HttpResponse:
    lang = request.GET.get("lang") or None
    if lang not in (None, "ar", "en"):
        lang = None
    response = HttpResponse(render_receipt_pdf(receipt, language=lang), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def donation_pdf(request, reference: str):
    with scopes_disabled():
        donation = (
            Donation.objects.select_related("organization", "initiative")
            .filter(reference=reference)
            .first()
        )
        if donation is None or not _allowed(request, donation):
            raise Http404
        receipt = receipt_for_donation(donation=donation)
        return _pdf_response(receipt, request, f"receipt-{receipt.display_number}")


def refund_pdf(request, reference: str):
    with scopes_disabled():
        refund = Refund.objects.select_related("donation").filter(reference=reference).first()
        if refund is None or not _allowed(request, refund.donation):
            raise Http404
        receipt = receipt_for_refund(refund=refund)
        return _pdf_response(receipt, request, f"cancellation-{receipt.display_number}")


def verify(request, token: str):
    with scopes_disabled():
        receipt = (
            Receipt.objects.select_related(
                "organization", "donation", "donation__initiative", "refund"
            )
            .filter(token=token)
            .first()
        )
    return render(
        request,
        "receipts/verify.html",
        {"receipt": receipt, "donation": receipt.donation if receipt else None},
        status=200 if receipt else 404,
    )


@login_required
def statement_pdf(request, year: int):
    """The signed-in donor's giving in one Hijri year, as a PDF."""
    from joud.core.dates import hijri_month_start
    from joud.receipts.pdf import render_statement_pdf

    start, end = hijri_month_start(year, 1), hijri_month_start(year + 1, 1)
    with scopes_disabled():
        donations = list(
            Donation.objects.filter(
                donor=request.user,
                state__in=("confirmed", "partially_refunded"),
                confirmed_at__date__gte=start,
                confirmed_at__date__lt=end,
            )
            .select_related("organization")
            .order_by("confirmed_at")
        )
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
