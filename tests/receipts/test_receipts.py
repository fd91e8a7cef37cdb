"""Receipts: Arabic PDF (text extracted), gap-free numbers, verification page, cancellations."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import to_hijri
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.donations.services import donation_refund
from joud.receipts import services, tasks
from joud.receipts.models import Receipt
from joud.receipts.pdf import render_receipt_pdf
from joud.receipts.services import receipt_for_donation, receipt_for_refund, receipts_number_pending
from tests.donations.factories import general_fund_holds, make_donation, pay

needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")


def _paid(initiative, amount="12.500", **kw):
    donation, attempt = make_donation(initiative=initiative, amount=amount, **kw)
    pay(attempt)
    with scopes_disabled():
        donation.refresh_from_db()
    return donation


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    # Shaped Arabic comes out as presentation forms: NFKC gives the letters back.
    return unicodedata.normalize("NFKC", out)


def _words_in(name: str, text: str) -> bool:
    """``name`` is in the text. pdftotext marks RTL runs with bidi controls and may put a space
    between shaped glyph clusters ("ال خير"), so both are compared without spaces/controls."""
    flat = re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)
    return name.replace(" ", "") in flat


@needs_pdftotext
@pytest.mark.django_db
def test_receipt_pdf_contains_the_arabic_organization_name(initiative, tmp_path):
    org = initiative.organization
    org.name_ar = "جمعية الخير الخيرية"
    org.save()
    donation = _paid(initiative, donor_name="سالم البلوشي")
    with scopes_disabled():
        receipt = receipt_for_donation(donation=donation)
        pdf = render_receipt_pdf(receipt, language="ar")
    assert pdf.startswith(b"%PDF")
    text = _text(pdf, tmp_path)
    assert _words_in("جمعية الخير الخيرية", text), text
    assert org.licence_number in text
    assert receipt.token in text  # the verification URL under the QR code
    with scopes_disabled():
        english = _text(render_receipt_pdf(receipt, language="en"), tmp_path)
    assert "Donation receipt" in english and donation.reference in english


@pytest.mark.django_db
def test_receipt_numbers_are_gap_free_per_organization_in_confirmation_order(initiative):
    donations = [_paid(initiative, amount=f"{i + 1}.000") for i in range(5)]
    with scopes_disabled():
        on_demand = receipt_for_donation(donation=donations[2])  # asked for before the job
        assert receipts_number_pending() == 4
        assert receipts_number_pending() == 0
        numbers = sorted(Receipt.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
    assert on_demand.number == 1
    with scopes_disabled():
        order = list(
            Receipt.objects.exclude(pk=on_demand.pk)
            .order_by("number")
            .values_list("donation__confirmed_at", flat=True)
        )
    assert order == sorted(order)


@pytest.mark.django_db
def test_verification_page_and_pdf_download(client, initiative):
    donation = _paid(initiative)
    assert client.get(f"/receipts/donation/{donation.reference}/pdf/").status_code == 404
    response = client.get(f"/receipts/donation/{donation.reference}/pdf/?t={donation.access_token}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with scopes_disabled():
        receipt = Receipt.objects.get(donation=donation)
    page = client.get(f"/receipts/verify/{receipt.token}/")
    assert page.status_code == 200
    assert initiative.organization.name_ar in page.content.decode()
    assert client.get("/receipts/verify/forged-token/").status_code == 404


@needs_pdftotext
@pytest.mark.django_db
def test_cancellation_receipt_after_refund(initiative, tmp_path):
    donation = _paid(initiative, amount="20.000")
    general_fund_holds(initiative.organization, "1.000")  # it pays the refund's gateway fee
    with scopes_disabled():
        receipt_for_donation(donation=donation)
        refund = donation_refund(donation=donation, amount=Decimal("5.000"), reason="duplicate")
        cancellation = receipt_for_refund(refund=refund)
        assert cancellation.number == 2 and cancellation.kind == "cancellation"
        text = _text(render_receipt_pdf(cancellation, language="en"), tmp_path)
    assert "Cancellation receipt" in text and refund.reference in text


@needs_pdftotext
@pytest.mark.django_db
def test_annual_statement_lists_the_donors_gifts(client, donor, initiative, tmp_path):
    client.force_login(donor)
    _paid(initiative, amount="7.000", donor=donor)
    _paid(initiative, amount="3.500", donor=donor)
    _paid(initiative, amount="100.000")  # somebody else's
    year = to_hijri(timezone.localdate())[0]
    response = client.get(f"/receipts/statement/{year}/?lang=en")
    assert response.status_code == 200
    text = _text(response.content, tmp_path)
    assert "Annual giving statement" in text
    assert "OMR\u00a010.500" in text or "OMR 10.500" in text
    assert "100.000" not in text


@pytest.mark.django_db
def test_the_quick_job_reads_only_new_confirmations_and_the_sweep_catches_late_ones(
    initiative, monkeypatch
):
    monkeypatch.setattr(services, "_next_since", None)
    first = _paid(initiative, amount="1.000")
    with scopes_disabled():
        assert tasks.number_pending.call() == 1  # the first run in a process reads the window
        assert services._next_since is not None
        new = _paid(initiative, amount="2.000")
        assert tasks.number_pending.call() == 1  # a new confirmation: numbered by the quick job
        # A confirmation that committed late: its confirmed_at is older than the overlap.
        late = _paid(initiative, amount="3.000")
        Donation.unscoped.filter(pk=late.pk).update(
            confirmed_at=timezone.now() - services.RECENT_OVERLAP - dt.timedelta(minutes=1)
        )
        assert tasks.number_pending.call() == 0  # not looked at again every two seconds ...
        assert tasks.number_pending_sweep.call() == 1  # ... the ten-minute sweep numbers it
        numbered = dict(
            Receipt.objects.filter(kind=Receipt.Kind.DONATION).values_list("donation_id", "number")
        )
    assert numbered == {first.pk: 1, new.pk: 2, late.pk: 3}
