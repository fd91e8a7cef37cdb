"""Every code a rollup can hold reads as words, in both languages: never a raw code."""

from __future__ import annotations

import pytest
from django.utils import translation

from joud.insights.labels import category_label, channel_label


@pytest.mark.parametrize(
    ("code", "arabic", "english"),
    [
        ("fitr", "زكاة الفطر", "Zakat al-Fitr"),
        ("waqf", "الأوقاف", "Endowments (waqf)"),
        ("zakat", "الزكاة", "Zakat"),
        ("general", "العام", "General funds"),
    ],
)
def test_fund_codes_read_as_words(code, arabic, english):
    with translation.override("ar"):
        assert arabic in category_label(code)
    with translation.override("en"):
        assert category_label(code) == english


def test_offline_gifts_are_named_as_received_by_the_association():
    with translation.override("en"):
        assert channel_label("offline") == "Received by the association (cash or transfer)"
    with translation.override("ar"):
        assert "الجمعية" in channel_label("offline")
