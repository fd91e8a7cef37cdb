"""The thank-you page reads; asking the gateway for a late answer is a POST (never a GET)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.tenancy import scopes_disabled
from joud.donations.access import SESSION_KEY
from joud.donations.models import Donation
from joud.payments.models import SandboxCharge
from tests.donations.factories import make_donation


def _gateway_says_paid_but_the_webhook_is_late(attempt):
    SandboxCharge.objects.filter(reference=attempt.reference).update(
        status="succeeded", fee=Decimal("0.120")
    )


def _given_from_this_browser(client, donation):
    """As the giving page does (access.remember_donation): the gift is this browser's own."""
    session = client.session
    session[SESSION_KEY] = [donation.reference]
    session.save()


def _state(donation) -> str:
    with scopes_disabled():
        return Donation.objects.get(pk=donation.pk).state


@pytest.mark.django_db
def test_reading_the_thanks_page_asks_the_gateway_nothing(client, initiative):
    donation, attempt = make_donation(initiative=initiative)
    _given_from_this_browser(client, donation)
    _gateway_says_paid_but_the_webhook_is_late(attempt)
    for url in (
        f"/give/thanks/{donation.reference}/",
        f"/give/thanks/{donation.reference}/status/",
    ):
        assert client.get(url).status_code == 200
    assert _state(donation) == "pending"
    page = client.get(f"/give/thanks/{donation.reference}/").content.decode()
    assert f'hx-post="/give/thanks/{donation.reference}/check/"' in page
    assert 'hx-trigger="load"' in page  # the first check goes out as soon as the page is shown


@pytest.mark.django_db
def test_the_page_check_shows_the_confirmation_once_the_gateway_says_so(client, initiative):
    donation, attempt = make_donation(initiative=initiative)
    _given_from_this_browser(client, donation)
    assert client.get(f"/give/thanks/{donation.reference}/check/").status_code == 405
    check = client.post(f"/give/thanks/{donation.reference}/check/", headers={"HX-Request": "true"})
    assert check.status_code == 200 and "hx-post" in check.content.decode()  # still waiting
    assert 'hx-trigger="load delay:2s"' in check.content.decode()
    _gateway_says_paid_but_the_webhook_is_late(attempt)
    check = client.post(f"/give/thanks/{donation.reference}/check/", headers={"HX-Request": "true"})
    html = check.content.decode()
    assert "alert-success" in html and "hx-post" not in html
    assert _state(donation) == "confirmed"


@pytest.mark.django_db
def test_without_javascript_the_check_is_a_form_that_comes_back_to_the_page(client, initiative):
    donation, attempt = make_donation(initiative=initiative)
    _given_from_this_browser(client, donation)
    page = client.get(f"/give/thanks/{donation.reference}/").content.decode()
    assert f'<form method="post" action="/give/thanks/{donation.reference}/check/"' in page
    _gateway_says_paid_but_the_webhook_is_late(attempt)
    check = client.post(f"/give/thanks/{donation.reference}/check/")
    assert check.status_code == 302 and check["Location"] == f"/give/thanks/{donation.reference}/"
    assert "alert-success" in client.get(check["Location"]).content.decode()


@pytest.mark.django_db
def test_only_the_donor_makes_the_page_ask_the_gateway(client, initiative):
    """References are short (JD- and six characters): whoever types one must not be able to make
    the platform call the gateway for it, again and again (found by `make scan`)."""
    donation, attempt = make_donation(initiative=initiative)
    _gateway_says_paid_but_the_webhook_is_late(attempt)
    page = client.get(f"/give/thanks/{donation.reference}/").content.decode()
    assert "hx-post" not in page and "/check/" not in page
    for headers in ({}, {"HX-Request": "true"}):
        check = client.post(f"/give/thanks/{donation.reference}/check/", headers=headers)
        assert check.status_code == 404
    assert _state(donation) == "pending"
