"""Volunteering's messages: declared once, written in the reader's language."""

from __future__ import annotations

import pytest

from joud.core.notify import EMAIL, EVENTS, SMS, Recipient, render
from joud.volunteering import notifications
from tests.volunteering.factories import ShiftFactory

pytestmark = pytest.mark.django_db


def test_every_message_is_declared_once_under_volunteering():
    declared = [e for e in EVENTS.values() if e.name.startswith("volunteering.")]
    assert {e.name for e in declared} >= {
        "volunteering.place_opened",
        "volunteering.consent_requested",
        "volunteering.guardian_agreed_accepted",
        "volunteering.guardian_agreed_waitlisted",
        "volunteering.guardian_refused",
        "volunteering.dispute_answered",
        "volunteering.shift_reminder",
        "volunteering.coordinator_message",
    }
    assert notifications.CONSENT_REQUESTED.channels == (SMS,)


def test_shift_names_follow_the_readers_language_not_the_senders():
    shift = ShiftFactory()
    context = {"shift": notifications.shift_text(shift)}
    reader = {"phone": "+96890000001", "email": "a@example.om"}
    arabic = render(Recipient(**reader, language="ar"), notifications.PLACE_OPENED, context)
    english = render(Recipient(**reader, language="en"), notifications.PLACE_OPENED, context)
    assert [m.channel for m in english] == [SMS, EMAIL]
    assert shift.opportunity.title_en in english[0].body
    assert shift.opportunity.title_en not in arabic[0].body
    assert shift.opportunity.title_ar in arabic[0].body
    assert english[0].subject == "A place opened for you"
    assert any("\u0600" <= c <= "\u06ff" for c in arabic[0].subject)


def test_in_reader_language_computes_the_text_when_rendered():
    calls = []
    value = notifications.in_reader_language(lambda: calls.append(1) or "x")
    assert calls == []
    assert f"{value}" == "x" and calls == [1]


def test_coordinator_message_is_sent_as_written():
    context = {"organization": "جمعية الخير", "title": "توزيع", "message": "أحضروا قبعات"}
    (sms,) = render(
        Recipient(phone="+96890000001", language="en"), notifications.COORDINATOR_MESSAGE, context
    )
    assert sms.body == "جمعية الخير: أحضروا قبعات"
    assert sms.subject == "جمعية الخير: توزيع"
