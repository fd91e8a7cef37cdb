"""A gift card carries no attacker-written link or control character to a third person's phone."""

from __future__ import annotations

import pytest

from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.messages import gift_card_send
from joud.donations.models import Donation
from joud.donations.notifications import sms_safe_text
from tests.donations.factories import make_donation, pay

RLO, LRI, PDI, ZWJ, ZWNJ = "\u202e", "\u2066", "\u2069", "\u200d", "\u200c"
LINKS = [
    "http://evil.example/login",
    "https://bank-om.example/x?a=1",
    "www.evil.om",
    "evil.com",
    "bit.ly/abc",
    "pay.xn--mgbaam7a8h/",
    "evil\u3002com",
    "help@evil.com",
]


@pytest.mark.parametrize("link", LINKS)
def test_links_are_removed(link):
    assert sms_safe_text(f"لأمي {link} رحمها الله") == "لأمي رحمها الله"


def test_controls_and_bidi_overrides_go_but_arabic_joiners_stay():
    text = f"سالم{RLO}abc{LRI}x{PDI}\u200f\u061c\x07 ك{ZWJ}ل{ZWNJ}م\nسطر"
    assert sms_safe_text(text) == f"سالمabcx ك{ZWJ}ل{ZWNJ}م سطر"


def test_plain_words_numbers_and_abbreviations_stay():
    for text in ("تبرع 5.000 ر.ع.", "رحمه الله. آمين", "Dr. Salim", "e.g. my mother"):
        assert sms_safe_text(text) == text


@pytest.mark.django_db
def test_gift_card_sms_has_no_link_and_no_override(initiative):
    donation, attempt = make_donation(
        initiative=initiative,
        donor_name=f"Bank{RLO} http://evil.example",
        dedication=f"Claim your prize at evil.com/win {RLO}now",
        gift_recipient_name=f"عائشة{LRI}",
        gift_recipient_phone="+96891234567",
        gift_language="en",
    )
    pay(attempt)
    OutboxMessage.objects.filter(to="+96891234567").delete()
    assert gift_card_send(donation_id=donation.pk)
    body = OutboxMessage.objects.get(to="+96891234567").body
    assert "evil" not in body and "http" not in body
    assert RLO not in body and LRI not in body
    assert "Dear عائشة, Bank has given" in body and body.endswith("Claim your prize at now")


@pytest.mark.django_db
def test_give_page_stores_the_gift_texts_without_links(client, initiative):
    response = client.post(
        f"/give/{initiative.public_code}/",
        {
            "preset": "5.000",
            "custom_amount": "",
            "gift_language": "ar",
            "donor_name": f"سالم{RLO}",
            "is_gift": "on",
            "gift_recipient_name": "عائشة",
            "gift_recipient_phone": "9123 4567",
            "dedication": "افتحي https://evil.example/x الآن",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        donation = Donation.objects.get()
    assert donation.dedication == "افتحي الآن"
    assert donation.donor_name == "سالم" and donation.gift_recipient_name == "عائشة"
