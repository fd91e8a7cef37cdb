"""The giving journey through the pages: form, sandbox hosted page, webhook, thanks page."""

from __future__ import annotations

from decimal import Decimal

import pytest

from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.forms import parse_amount
from joud.donations.models import Donation
from joud.ledger.progress import initiative_progress
from joud.ledger.selectors import initiative_raised
from joud.ledger.services import ledger_fold
from tests.donations.factories import apply_accepted


def _give(client, initiative, **data):
    form = {"preset": "5.000", "custom_amount": "", "gift_language": "ar"}
    form.update(data)
    return client.post(f"/give/{initiative.public_code}/", form)


def _donation():
    with scopes_disabled():
        return Donation.objects.get()


@pytest.mark.django_db
def test_give_page_renders_in_arabic_with_presets(client, initiative):
    response = client.get(f"/give/{initiative.public_code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html and initiative.title_ar in html
    assert 'name="preset"' in html and 'inputmode="decimal"' in html
    # the preset values are machine values, never localised ("5,000" would mean five thousand)
    assert 'value="5.000"' in html and 'value="100.000"' in html


@pytest.mark.django_db
def test_full_journey_succeeds_through_the_sandbox(client, initiative):
    response = _give(client, initiative, custom_amount="٧٫٢٥٠", donor_name="سالم")
    assert response.status_code == 302
    donation = _donation()
    assert donation.amount == Decimal("7.250")
    attempt_ref = f"{donation.reference}-P1"
    assert response["Location"] == f"/pay/sandbox/{attempt_ref}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and attempt_ref in page.content.decode()
    thanks = client.post(
        response["Location"], {"outcome": "succeeded", "duplicates": 3, "delay": 0}
    )
    assert thanks["Location"] == f"/give/thanks/{donation.reference}/"
    # the gateway's webhook is accepted; until the consumer applies it the page says so
    waiting = client.get(thanks["Location"] + "?lang=en").content.decode()
    assert "being confirmed" in waiting and "receipts/donation/" not in waiting
    apply_accepted()
    page = client.get(thanks["Location"])
    html = page.content.decode()
    assert "receipts/donation/" in html  # the receipt link, shown to the giver
    donation.refresh_from_db()
    assert donation.state == "confirmed"
    assert initiative_raised(initiative) == Decimal("7.250")
    ledger_fold()
    assert initiative_progress(initiative) == (Decimal("7.250"), 1)


@pytest.mark.django_db
def test_failed_payment_shows_a_clear_message_and_credits_nothing(client, initiative, settings):
    settings.LANGUAGE_CODE = "en"
    response = _give(client, initiative)
    client.post(response["Location"], {"outcome": "failed", "duplicates": 1, "delay": 0})
    apply_accepted()
    donation = _donation()
    page = client.get(f"/give/thanks/{donation.reference}/?lang=en")
    assert "did not go through" in page.content.decode()
    assert donation.__class__.unscoped.get(pk=donation.pk).state == "failed"
    assert initiative_raised(initiative) == Decimal("0.000")
    # trying again opens a second attempt, -P2
    retry = client.post(f"/give/retry/{donation.reference}/")
    assert retry["Location"] == f"/pay/sandbox/{donation.reference}-P2/"


@pytest.mark.django_db
def test_pending_payment_polls_until_the_webhook_lands(client, initiative):
    response = _give(client, initiative)
    client.post(response["Location"], {"outcome": "pending", "duplicates": 1, "delay": 0})
    donation = _donation()
    page = client.get(f"/give/thanks/{donation.reference}/").content.decode()
    assert "hx-trigger" in page
    status = client.get(f"/give/thanks/{donation.reference}/status/")
    assert status.status_code == 200


@pytest.mark.django_db
def test_amount_below_minimum_is_refused_with_the_form_kept(client, initiative):
    response = _give(client, initiative, custom_amount="0.400", donor_name="مريم")
    assert response.status_code == 200
    html = response.content.decode()
    assert "مريم" in html and "invalid-feedback" in html
    with scopes_disabled():
        assert not Donation.objects.exists()


@pytest.mark.django_db
def test_too_many_decimals_refused():
    with pytest.raises(Exception):  # noqa: B017
        parse_amount("1.2345")
    assert parse_amount("١٠") == Decimal("10.000")


@pytest.mark.django_db
def test_gift_card_reaches_the_recipient_in_their_language(
    client, initiative, django_capture_on_commit_callbacks
):
    response = _give(
        client,
        initiative,
        donor_name="Salim",
        is_gift="on",
        gift_recipient_name="Aisha",
        gift_recipient_phone="9123 4567",
        gift_language="en",
        dedication="For my mother",
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"outcome": "succeeded", "duplicates": 2, "delay": 0})
        apply_accepted()
    messages = OutboxMessage.objects.filter(to="+96891234567")
    assert messages.count() == 1
    assert "on your behalf" in messages.get().body and "Aisha" in messages.get().body


@pytest.mark.django_db
def test_general_and_zakat_funds_take_gifts(client, organization):
    for path in (f"/give/org/{organization.slug}/", f"/give/org/{organization.slug}/zakat/"):
        assert client.get(path).status_code == 200
        response = client.post(path, {"preset": "10.000", "gift_language": "ar"})
        assert response.status_code == 302
        client.post(response["Location"], {"outcome": "succeeded", "duplicates": 1, "delay": 0})
    apply_accepted()
    with scopes_disabled():
        codes = sorted(d.fund_account.code for d in Donation.objects.filter(state="confirmed"))
    assert codes == [f"org:{organization.pk}:general", f"org:{organization.pk}:zakat"]


@pytest.mark.django_db
def test_closed_initiative_takes_no_gift(client, initiative):
    initiative.state = "ended"
    initiative.save()
    response = _give(client, initiative)
    assert response.status_code == 409
    with scopes_disabled():
        assert not Donation.objects.exists()
