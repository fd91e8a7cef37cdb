"""The thank-you page for the giver: the receipt number (asked again until the receipts job has
numbered it), what happens next, sharing, and keeping a history by signing in with the number
just used, which moves this browser's guest gifts with that number into the account."""

from __future__ import annotations

import pytest

from joud.core.tenancy import scopes_disabled
from joud.donations.access import SESSION_KEY
from joud.donations.models import Donation
from joud.receipts.services import receipt_for_donation
from tests.donations.factories import make_donation, pay
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PHONE = "+96891234567"


def _given_from_this_browser(client, *donations):
    session = client.session
    session[SESSION_KEY] = [d.reference for d in donations]
    session.save()


def _page(client, donation, lang="en"):
    client.cookies["joud_language"] = lang
    response = client.get(f"/give/thanks/{donation.reference}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_receipt_number_appears_once_the_job_has_numbered_it(client, initiative):
    donation, attempt = make_donation(initiative=initiative, donor_phone=PHONE)
    pay(attempt)
    _given_from_this_browser(client, donation)
    html = _page(client, donation)
    assert "Your receipt number is being issued" in html
    fragment = f"/give/thanks/{donation.reference}/receipt/"
    assert f'hx-get="{fragment}?left=29"' in html
    with scopes_disabled():
        receipt = receipt_for_donation(donation=donation)
    again = client.get(fragment, {"left": "28"}).content.decode()
    assert f'data-receipt="{receipt.display_number}"' in again and "hx-get" not in again
    arabic = _page(client, donation, lang="ar")
    assert receipt.display_number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) in arabic
    assert "ماذا يحدث بعد ذلك" in arabic and "شكرًا لتبرعك" in arabic


def test_polling_stops_and_strangers_see_no_receipt(client, initiative):
    donation, attempt = make_donation(initiative=initiative, donor_phone=PHONE)
    pay(attempt)
    _given_from_this_browser(client, donation)
    last = client.get(f"/give/thanks/{donation.reference}/receipt/", {"left": "0"})
    assert "hx-get" not in last.content.decode()
    for bad in ("x", "-5", "1e9", "99999999999999999999"):
        assert (
            client.get(f"/give/thanks/{donation.reference}/receipt/", {"left": bad}).status_code
            == 200
        )
    stranger = type(client)()
    assert stranger.get(f"/give/thanks/{donation.reference}/receipt/").status_code == 404
    html = _page(stranger, donation)
    assert "receipt-number" not in html and "What happens next" not in html
    assert "keep-history" not in html


def test_next_steps_share_and_keep_a_history(client, initiative, settings):
    settings.SITE_URL = "https://joud.example.om"
    donation, attempt = make_donation(initiative=initiative, donor_phone=PHONE)
    pay(attempt)
    _given_from_this_browser(client, donation)
    html = _page(client, donation)
    assert "What happens next" in html and "within 15 working days" in html
    assert f"/ledger/initiative/{initiative.public_code}/" in html
    assert f"/initiatives/{initiative.public_code}/share/whatsapp/" in html
    assert f'data-copy="https://joud.example.om{initiative.get_absolute_url()}"' in html
    assert 'action="/accounts/login/code/"' in html
    assert f'name="phone" value="{PHONE}"' in html and 'name="next" value="/me/"' in html
    client.force_login(UserFactory())
    assert "keep-history" not in _page(client, donation)  # signed in: nothing to keep


def test_signing_in_with_the_number_keeps_this_browsers_gifts(client, initiative):
    mine, attempt = make_donation(initiative=initiative, donor_phone=PHONE)
    pay(attempt)
    other_phone, _a = make_donation(initiative=initiative, donor_phone="+96899887766")
    not_remembered, _b = make_donation(initiative=initiative, donor_phone=PHONE)
    _given_from_this_browser(client, mine, other_phone)
    user = UserFactory(phone=PHONE)
    client.force_login(user)
    with scopes_disabled():
        owners = dict(Donation.objects.values_list("reference", "donor_id"))
    assert owners[mine.reference] == user.pk
    assert owners[other_phone.reference] is None and owners[not_remembered.reference] is None
    html = client.get("/me/").content.decode()
    assert mine.reference in html and not_remembered.reference not in html
