"""Who may see a gift (donations.access) and what the donor's space reads (donations.selectors)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.donations import selectors
from joud.donations.access import REMEMBERED, is_own, may_retry_payment, remember_donation
from joud.donations.models import Donation
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
def test_donor_space_reads_their_gifts_and_what_they_came_to(initiative, donor):
    paid, attempt = make_donation(initiative=initiative, amount="12.500", donor=donor)
    pay(attempt)
    make_donation(initiative=initiative, amount="3.000", donor=donor)  # never paid
    make_donation(initiative=initiative, amount="7.000")  # someone else's
    gifts = list(selectors.donor_donations(donor))
    assert {d.amount for d in gifts} == {Decimal("12.500"), Decimal("3.000")}
    today = timezone.localdate()
    assert selectors.net_given_since(gifts, today) == Decimal("12.500")
    assert selectors.net_given_since(gifts, today + dt.timedelta(days=1)) == Decimal("0.000")
    with scopes_disabled():
        Donation.objects.filter(pk=paid.pk).update(refunded_amount=Decimal("2.500"))
    gifts = list(selectors.donor_donations(donor))
    assert selectors.net_given_since(gifts, today) == Decimal("10.000")


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
