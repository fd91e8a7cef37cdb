"""Volunteering's models: bilingual fields and hours as shown."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from joud.volunteering.models import minutes_as_hours
from tests.volunteering.factories import ApplicationFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def test_opportunity_text_is_english_for_english_readers_when_there_is_english():
    opportunity = OpportunityFactory(title_en="Iftar", place_en="", description_en="Meals")
    with translation.override("en"):
        assert opportunity.title == "Iftar" and opportunity.description == "Meals"
        assert opportunity.place == opportunity.place_ar  # no English: the Arabic
        assert str(opportunity) == "Iftar"
    with translation.override("ar"):
        assert opportunity.title == opportunity.title_ar
        assert opportunity.description == opportunity.description_ar


def test_minutes_show_as_hours_to_one_decimal():
    assert minutes_as_hours(0) == Decimal("0.0")
    assert minutes_as_hours(None) == Decimal("0.0")
    assert minutes_as_hours(90) == Decimal("1.5")
    assert minutes_as_hours(100) == Decimal("1.7")
    application = ApplicationFactory(minutes=95, approved_minutes=60)
    assert application.recorded_hours == Decimal("1.6")
    assert application.approved_hours == Decimal("1.0")
