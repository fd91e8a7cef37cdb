"""Messages (SMS, email) speak numbers and dates as the pages do: the same formatting module."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from joud.core.notify import SMS, Recipient, render
from joud.core.tenancy import scopes_disabled
from joud.donations.notifications import THANK_YOU
from joud.volunteering.text import shift_label
from tests.donations.factories import make_donation, pay
from tests.volunteering.factories import OpportunityFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def _confirmed(initiative, amount):
    donation, attempt = make_donation(initiative=initiative, amount=amount)
    pay(attempt)
    with scopes_disabled():
        donation.refresh_from_db()
    return donation


@pytest.mark.parametrize(
    ("amount", "arabic", "english"),
    [("5.000", "٥\u00a0ر.ع.", "OMR\u00a05"), ("7.250", "٧٫٢٥٠\u00a0ر.ع.", "OMR\u00a07.250")],
)
def test_the_thank_you_sms_says_the_amount_as_the_page_does(initiative, amount, arabic, english):
    donation = _confirmed(initiative, amount)
    context = {"donation": donation, "receipt_url": "https://joud.om/r"}
    [sms] = render(Recipient(phone="+96891112233", language="ar"), THANK_YOU, context)
    assert sms.channel == SMS
    assert sms.body == (
        f"شكرًا لك: تأكّد تبرعك بمبلغ {arabic} لصالح «{initiative.title_ar}».\n"
        "إيصالك: https://joud.om/r"
    )
    [sms] = render(Recipient(phone="+96891112233", language="en"), THANK_YOU, context)
    assert english in sms.body and "5.000" not in sms.body


def test_a_shift_in_a_message_has_the_one_date_form_and_arabic_digits():
    opportunity = OpportunityFactory(title_ar="تنظيف الشاطئ", title_en="Beach clean-up")
    starts = timezone.make_aware(dt.datetime(2026, 12, 2, 16, 30))
    shift = ShiftFactory(opportunity=opportunity, starts_at=starts)
    with translation.override("ar"):
        text = shift_label(shift)
    assert text == "«تنظيف الشاطئ» ٢٢ جمادى الآخرة ١٤٤٨ هـ (٢ ديسمبر ٢٠٢٦) ١٦:٣٠"
    with translation.override("en"):
        text = shift_label(shift)
    assert text == "«Beach clean-up» 22 Jumada al-Akhirah 1448 AH (2 December 2026) 16:30"
