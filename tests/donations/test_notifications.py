"""Giving's messages, declared once in donations.notifications: worded in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from joud.core.models import OutboxMessage
from joud.core.money import format_money
from joud.core.notify import EMAIL, SMS, Recipient, render
from joud.core.tenancy import scopes_disabled
from joud.donations.messages import gift_card_send, thank_you_send
from joud.donations.notifications import GIFT_CARD, PLAN_PAY_LINK, THANK_YOU
from tests.donations.factories import make_donation, pay


@pytest.mark.django_db
def test_gift_card_is_worded_for_the_recipient_not_the_sender(initiative):
    donation, attempt = make_donation(
        initiative=initiative,
        is_anonymous=True,
        dedication="لأمي",
        gift_recipient_name="عائشة",
        gift_recipient_phone="+96891234567",
        gift_language="ar",
    )
    pay(attempt)
    with translation.override("en"):  # the task's own language does not leak into the card
        assert gift_card_send(donation_id=donation.pk)
    body = OutboxMessage.objects.get(to="+96891234567").body
    assert body.startswith("عزيزنا عائشة، تبرّع فاعل خير نيابةً عنك")
    assert body.endswith("\nكلمة المُهدي: لأمي")
    with scopes_disabled():
        donation.refresh_from_db()
    [email] = render(
        Recipient(email="a@example.om", language="en"), GIFT_CARD, {"donation": donation}
    )
    assert email.channel == EMAIL and email.subject == "A donation was given on your behalf"
    assert "A generous donor has given a donation on your behalf" in email.body


@pytest.mark.django_db
def test_thank_you_carries_the_receipt_link_in_the_donors_language(initiative):
    donation, attempt = make_donation(initiative=initiative, donor_phone="+96891112233")
    pay(attempt)
    OutboxMessage.objects.all().delete()
    with scopes_disabled():
        donation.refresh_from_db()
    [sms] = render(
        Recipient(phone="+96891112233", language="en"),
        THANK_YOU,
        {"donation": donation, "receipt_url": "https://joud.om/r"},
    )
    assert sms.channel == SMS
    assert sms.body == (
        f"Thank you: your gift of {format_money(donation.amount, language='en')} "
        f"to “{initiative.title_en}” is confirmed.\n"
        "Your receipt: https://joud.om/r"
    )
    assert thank_you_send(donation_id=donation.pk)
    arabic = OutboxMessage.objects.get(to="+96891112233").body
    assert arabic.startswith("شكرًا لك: تأكّد تبرعك") and "\nإيصالك: http" in arabic


def test_plan_news_ends_with_the_link_to_pause_or_cancel():
    context = {"amount": "OMR 5.000", "url": "https://pay/x", "manage_url": "https://joud.om/p"}
    [sms, email] = render(
        Recipient(phone="+96890000000", email="d@example.om", language="ar"),
        PLAN_PAY_LINK,
        context,
    )
    assert sms.body == email.body
    assert "https://pay/x" in sms.body
    assert sms.body.endswith("\nللإيقاف المؤقت أو الإلغاء: https://joud.om/p")
    assert email.subject == "تبرعك المجدول"
