"""Consent with its proof, withdrawal, a guardian's consent for a minor, and the updates gate."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext_noop

from joud.core.errors import BusinessError
from joud.core.notify import UPDATE, Recipient, event, notify
from joud.privacy.models import Consent, ConsentText, Purpose
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_active, consent_record, consent_withdraw
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEWS = event(
    "tests.privacy.news",
    subject=gettext_noop("News"),
    body=gettext_noop("News of the initiatives you support."),
    kind=UPDATE,
)


def test_consent_keeps_the_text_version_language_and_method(donor):
    consent = consent_record(
        subject=DataSubject.of_user(donor), purpose="updates", method="web", language="en"
    )
    text = ConsentText.objects.get(purpose__code="updates", version=1)
    assert consent.text == text
    assert consent.text_shown == text.body_en and "withdraw" in consent.text_shown
    assert consent.method == Consent.Method.WEB and consent.given_at is not None
    arabic = consent_record(
        subject=DataSubject(phone="+96891234567"), purpose="updates", method="sms"
    )
    assert arabic.text_shown == text.body_ar


def test_a_new_wording_is_a_new_version_and_the_old_proof_stays(donor):
    first = consent_record(subject=DataSubject.of_user(donor), purpose="updates", method="web")
    purpose = Purpose.objects.get(code="updates")
    ConsentText.objects.create(purpose=purpose, version=2, body_ar="نص جديد", body_en="New text")
    second = consent_record(subject=DataSubject.of_user(donor), purpose="updates", method="web")
    first.refresh_from_db()
    assert (first.text.version, second.text.version) == (1, 2)
    assert first.text_shown != second.text_shown
    with pytest.raises(ValueError):
        first.text.save()  # a published text is never edited


def test_a_minor_needs_the_guardian_and_it_is_recorded():
    volunteer = UserFactory()
    subject = DataSubject.of_user(volunteer)
    with pytest.raises(BusinessError):
        consent_record(subject=subject, purpose="volunteering", method="sms", is_minor=True)
    consent = consent_record(
        subject=subject,
        purpose="volunteering",
        method="sms",
        is_minor=True,
        guardian_name="خالد الحارثي",
        guardian_phone="+96899112233",
        evidence="code 4821",
    )
    assert consent.is_minor and consent.guardian_name == "خالد الحارثي"


def test_paper_consent_needs_its_scan_and_other_bases_need_no_consent(donor):
    subject = DataSubject.of_user(donor)
    with pytest.raises(BusinessError):
        consent_record(subject=subject, purpose="case", method="paper")
    with pytest.raises(BusinessError):
        consent_record(subject=subject, purpose="financial_records", method="web")


def test_withdrawal_is_recorded_and_stops_updates(donor, django_capture_on_commit_callbacks):
    subject = DataSubject.of_user(donor)
    assert notify(Recipient.of_user(donor), NEWS) == []  # never agreed: nothing sent
    consent_record(subject=subject, purpose="updates", method="web")
    assert consent_active(subject, "updates")
    with django_capture_on_commit_callbacks():
        sent = notify(Recipient.of_user(donor), NEWS)
    assert [m.channel for m in sent] == ["sms", "email"]
    assert consent_withdraw(subject=subject, purpose="updates") == 1
    consent = Consent.objects.get(user=donor)
    assert consent.withdrawn_at is not None and consent.withdrawn_method == "web"
    assert not consent_active(subject, "updates")
    assert notify(Recipient.of_user(donor), NEWS) == []
    # the same person reached by phone alone (a guest gift) gets nothing either
    assert notify(Recipient(phone=donor.phone), NEWS) == []


def test_service_messages_do_not_depend_on_consent(donor):
    from joud.accounts.notifications import SIGN_IN_CODE

    assert notify(Recipient.of_user(donor), SIGN_IN_CODE, {"code": "123456"}, deferred=True)
