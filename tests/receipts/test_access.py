"""Who may have a receipt: the secret link's holder, the donor, the browser that gave."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from joud.donations.access import remember_donation
from joud.receipts.access import may_download_receipt
from tests.donations.factories import make_donation


def _request(token="", user=None):
    return SimpleNamespace(
        GET={"t": token} if token else {}, user=user or AnonymousUser(), session={}
    )


@pytest.mark.django_db
def test_receipt_needs_the_link_or_the_giver(initiative, donor):
    donation, _attempt = make_donation(initiative=initiative)
    assert may_download_receipt(_request(donation.access_token), donation)
    assert not may_download_receipt(_request("wrong-token"), donation)
    assert not may_download_receipt(_request(), donation)
    browser = _request()
    remember_donation(browser, donation)
    assert may_download_receipt(browser, donation)
    own, _attempt = make_donation(initiative=initiative, donor=donor)
    assert may_download_receipt(_request(user=donor), own)
    assert not may_download_receipt(_request(user=donor), donation)
