"""Money pages in Arabic: no English left in what a visitor reads."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from joud.core.tenancy import scopes_disabled
from joud.receipts.models import Receipt
from joud.receipts.pdf import verification_url
from joud.receipts.services import receipt_for_donation
from tests.donations.factories import make_donation, pay

ALLOWED = {"PDF", "OMR"}


def _visible_latin_words(html: str) -> set[str]:
    """Latin words in the page's own content (<main>; the shell belongs to the web app)."""
    main = re.search(r"(?is)<main\b.*?</main>", html)
    html = main.group(0) if main else html
    html = re.sub(r"(?is)<(script|style|bdi)\b.*?</\1>", " ", html)
    html = re.sub(r"(?is)<head>.*?</head>", " ", html)
    html = re.sub(r"(?s)<[^>]+>", " ", html)
    # the footer's language switch names English in English, on purpose
    words = set(re.findall(r"[A-Za-z]{3,}", html)) - ALLOWED - {"English"}
    return words


@pytest.mark.django_db
def test_money_pages_have_no_english_when_arabic_is_active(client, initiative):
    donation, attempt = make_donation(initiative=initiative, donor_name="سالم")
    pages = [
        f"/give/{initiative.public_code}/",
        f"/pay/sandbox/{attempt.reference}/",
        f"/give/org/{initiative.organization.slug}/zakat/",
        "/give/zakat/calculator/?cash=9000",
        f"/ledger/initiative/{initiative.public_code}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _visible_latin_words(response.content.decode()) == set(), url
    pay(attempt)
    with scopes_disabled():
        receipt = receipt_for_donation(donation=donation)
    for url in (f"/give/thanks/{donation.reference}/", f"/receipts/verify/{receipt.token}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _visible_latin_words(response.content.decode()) == set(), url


@pytest.mark.django_db
def test_the_qr_url_of_a_receipt_opens_its_verification_page(client, initiative):
    donation, attempt = make_donation(initiative=initiative)
    pay(attempt)
    with scopes_disabled():
        receipt = receipt_for_donation(donation=donation)
        assert Receipt.objects.count() == 1
    path = urlparse(verification_url(receipt)).path
    response = client.get(path)
    assert response.status_code == 200 and receipt.display_number in response.content.decode()
