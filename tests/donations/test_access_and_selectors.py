"""Who may see a gift (donations.access) and what the donor's space reads (donations.selectors)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from joud.core.tenancy import scopes_disabled
from joud.donations import selectors
from joud.donations.access import REMEMBERED, is_own, may_retry_payment, remember_donation
from joud.donations.services import payment_attempt_start
from tests.donations.factories import make_donation, pay


def _request(user=None):
    return SimpleNamespace(user=user or AnonymousUser(), session={})


@pytest.mark.django_db
def test_a_gift_is_its_donors_and_its_browsers_only(initiative, donor):
    given, _attempt = make_donation(initiative=initiative)
    browser, stranger = _request(), _request()
    remember_donation(browser, given)
    assert is_own(browser, given) and may_retry_payment(browser, given)
    assert not is_own(stranger, given) and not may_retry_payment(stranger, given)
    signed_in, _attempt = make_donation(initiative=initiative, donor=donor)
    assert is_own(_request(donor), signed_in)
    assert not is_own(_request(donor), given)


def test_a_browser_remembers_only_its_latest_gifts():
    request = _request()
    for n in range(REMEMBERED + 5):
        remember_donation(request, SimpleNamespace(reference=f"JD-{n:06d}"))
    refs = request.session["joud_donations"]
    assert len(refs) == REMEMBERED and refs[-1] == f"JD-{REMEMBERED + 4:06d}"
    assert "JD-000000" not in refs


@pytest.mark.django_db
def test_a_gift_is_found_by_reference_with_its_latest_attempt(initiative):
    donation, first = make_donation(initiative=initiative)
    pay(first, outcome="failed")
    with scopes_disabled():
        second, _url = payment_attempt_start(donation=donation, return_url="/")
    found = selectors.donations_by_reference(donation.reference).get()
    assert found.pk == donation.pk
    assert selectors.latest_attempt(found).pk == second.pk
    assert not selectors.donations_by_reference("JD-NOSUCH").exists()
