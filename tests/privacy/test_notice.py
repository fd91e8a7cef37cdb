"""The privacy notice is generated from the register of processing, in Arabic and English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joud.privacy.models import ProcessingActivity, Purpose

pytestmark = pytest.mark.django_db


def _page(client, language):
    client.cookies["joud_language"] = language
    return client.get(reverse("privacy:notice")).content.decode()


def test_notice_lists_every_register_row_in_the_readers_language(client):
    ProcessingActivity.objects.create(
        purpose=Purpose.objects.get(code="oversight"),
        position=99,
        data_en="Complaints about an appeal",
        data_ar="البلاغات عن نداء تبرع",
        legal_basis="oversight",
        retention_en="Seven years",
        retention_ar="سبع سنوات",
        recipients_en="The ministry's inspectors",
        recipients_ar="مفتشو الوزارة",
    )
    english, arabic = _page(client, "en"), _page(client, "ar")
    assert "Complaints about an appeal" in english and "Seven years" in english
    assert "The ministry&#x27;s inspectors" in english and "البلاغات" not in english
    assert "البلاغات عن نداء تبرع" in arabic and "سبع سنوات" in arabic and "مفتشو الوزارة" in arabic
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic
    for row in ProcessingActivity.objects.all():
        assert row.data_en in english.replace("&#x27;", "'")
    assert "The person&#x27;s explicit consent" in english  # the legal basis, named
    assert "Receipts and thank-you messages" in english  # a purpose on another basis, named too


def test_notice_shows_the_consent_texts_with_their_version(client):
    english = _page(client, "en")
    assert "I agree that my name is shown with my gift" in english
    assert "version 1" in english
