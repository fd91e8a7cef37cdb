"""The Ramadan reminder: in its last days, to last year's fitr donors who consented to updates
and have not paid this year; once each; never to one without consent."""

from __future__ import annotations

import datetime as dt

import pytest

from joud.core.models import OutboxMessage
from joud.obligations.models import FitrReminder
from joud.obligations.reminders import fitr_reminders_send
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_record, consent_withdraw
from tests.obligations.conftest import IN_RAMADAN_1446, MUSCAT, paid_fitr

pytestmark = pytest.mark.django_db

# 1 Shawwal 1447 = 20 March 2026: the 27th of a 29-day Ramadan is 17 March (3 days left).
LAST_DAYS = dt.datetime(2026, 3, 17, 20, 0, tzinfo=MUSCAT)
MID_RAMADAN = dt.datetime(2026, 3, 5, 20, 0, tzinfo=MUSCAT)


def _consent(phone: str) -> None:
    consent_record(subject=DataSubject(phone=phone), purpose="updates", method="web")


def test_only_last_years_consenting_donors_are_reminded_once(programme):
    consenting, silent, already = "+96891110001", "+96891110002", "+96891110003"
    for phone in (consenting, silent, already):
        paid_fitr(programme, 2, now=IN_RAMADAN_1446, donor_phone=phone)
    _consent(consenting)
    _consent(already)
    paid_fitr(programme, 1, donor_phone=already)  # paid this year: no reminder

    assert fitr_reminders_send(now=MID_RAMADAN) == 0  # not yet the last days
    assert fitr_reminders_send(now=LAST_DAYS) == 1
    sent = OutboxMessage.objects.filter(to=consenting)
    assert sent.count() == 1
    body = sent.get().body
    assert "زكاة الفطر" in body and "٢٫٥٠٠\xa0ر.ع." in body and "شوال" in body
    assert not OutboxMessage.objects.filter(
        to__in=[silent, already], body__contains="الفطر"
    ).exists()
    assert fitr_reminders_send(now=LAST_DAYS + dt.timedelta(hours=6)) == 0  # once
    assert FitrReminder.objects.filter(hijri_year=1447).count() == 1
    # the table that remembers who was reminded keeps no phone number in clear
    assert "91110001" not in FitrReminder.objects.get(hijri_year=1447).donor_key


def test_a_withdrawn_consent_is_honoured(programme):
    phone = "+96891110009"
    paid_fitr(programme, 1, now=IN_RAMADAN_1446, donor_phone=phone)
    _consent(phone)
    consent_withdraw(subject=DataSubject(phone=phone), purpose="updates")
    assert fitr_reminders_send(now=LAST_DAYS) == 0
    assert not OutboxMessage.objects.filter(to=phone, body__contains="الفطر").exists()
    assert not FitrReminder.objects.exists()


def test_no_reminder_after_the_eid_prayer(programme):
    phone = "+96891110010"
    paid_fitr(programme, 1, now=IN_RAMADAN_1446, donor_phone=phone)
    _consent(phone)
    assert fitr_reminders_send(now=dt.datetime(2026, 3, 20, 7, 0, tzinfo=MUSCAT)) == 0
