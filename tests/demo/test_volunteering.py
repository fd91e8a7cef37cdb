"""The demo seeder: opportunities across governorates, volunteers of several ages, certificates;
a second run changes nothing."""

from __future__ import annotations

import random

import pytest

from joud.core.tenancy import scopes_disabled
from joud.demo import volunteering as demo
from joud.demo.world import _seed_core
from joud.volunteering import selectors, services
from joud.volunteering.models import Application, Certificate, Opportunity, VolunteerProfile

pytestmark = pytest.mark.django_db


def _counts():
    with scopes_disabled():
        return (
            Opportunity.objects.count(),
            Application.objects.count(),
            Certificate.objects.count(),
            VolunteerProfile.objects.count(),
        )


def test_demo_seed_is_rich_and_idempotent(unscoped):  # as seed_demo runs seeders
    world: dict = {}
    _seed_core(random.Random(1), world)
    assert demo.seed(random.Random(2), world) is True
    first = _counts()
    with scopes_disabled():
        governorates = set(Opportunity.objects.values_list("wilayat__governorate__code", flat=True))
        assert len(governorates) >= 8
        assert Application.objects.filter(status="pending_consent").exists()
        assert Application.objects.filter(consent_given_at__isnull=False).exists()
        assert Application.objects.filter(hours_status="approved").count() >= 10
        assert Application.objects.filter(status="waitlisted").exists()
    ages = {p.age_on(p.created_at.date()) for p in VolunteerProfile.objects.all()}
    assert min(ages) < 18 and max(ages) > 60
    assert first[2] >= 5

    reem = world["users"]["volunteer"]
    earned = {b.code for b in selectors.badges_for(reem) if b.earned}
    assert {"first_shift", "ten_hours", "ramadan"} <= earned

    assert demo.seed(random.Random(2), world) is False
    assert _counts() == first

    # Tomorrow's shift gets its reminders from the periodic job.
    assert services.shift_reminders_send() == 3
