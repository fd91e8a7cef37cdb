"""A scheduled gift is confirmed like a payment: its dates in Hijri and Gregorian, the charges
and total it commits to, how each charge is taken, then a confirmation message with its link."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import format_hijri, last_ten_nights
from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.models import RecurringPlan
from joud.donations.plan_schedule import PAY_LINK, SAVED_CARD, plan_charging, plan_schedule
from joud.donations.recurring import ten_nights_for
from joud.payments.providers.thawani.provider import ThawaniProvider

pytestmark = pytest.mark.django_db

FIELDS = {"preset": "5.000", "donor_phone": "91234567", "gift_language": "en"}


def _post(client, initiative, **extra):
    client.cookies["joud_language"] = "en"
    return client.post(f"/give/{initiative.public_code}/", {**FIELDS, **extra})


def test_ten_nights_states_every_night_and_the_whole_commitment(client, initiative):
    _year, nights = ten_nights_for(timezone.localdate())
    ahead = [n for n in nights if n >= timezone.localdate()]
    response = _post(client, initiative, frequency="ten_nights")
    html = response.content.decode()
    assert response.status_code == 200 and "Confirm your scheduled giving" in html
    dates = re.findall(r'<li class="small"><span class="dual-date">(.*?)</span></span></li>', html)
    assert len(dates) == len(ahead)
    assert format_hijri(ahead[0], "en") in html and ahead[0].strftime("%-d %B %Y") in html
    total = Decimal("5.000") * len(ahead)
    commitment = re.search(r'data-figure="commitment">(.*?)</p>', html, re.S).group(1)
    assert f"{len(ahead)} charges" in commitment and f"OMR\xa0{total:,.0f}" in commitment
    assert 'data-charging="saved_card"' in html  # the sandbox keeps a card
    with scopes_disabled():
        assert not RecurringPlan.objects.exists()


def test_an_open_ended_plan_states_the_coming_year():
    today = dt.date(2026, 12, 3)  # a Thursday
    schedule = plan_schedule(frequency="friday", amount=Decimal("2.000"), today=today)
    assert schedule.dates[:2] == [dt.date(2026, 12, 4), dt.date(2026, 12, 11)]
    assert len(schedule.dates) == 4 and not schedule.ends
    assert schedule.charges == 52 and schedule.total == Decimal("104.000")  # to 26 Nov 2027
    monthly = plan_schedule(frequency="monthly", amount=Decimal("10.000"), today=today)
    assert monthly.charges == 12 and monthly.total == Decimal("120.000")
    nights = plan_schedule(frequency="ten_nights", amount=Decimal("1.000"), today=today)
    assert nights.ends and nights.dates == [n for n in last_ten_nights(1448) if n >= today]


def test_a_gateway_without_saved_cards_sends_a_pay_link_each_time():
    assert plan_charging(ThawaniProvider()) == PAY_LINK
    from joud.payments.providers.sandbox.provider import SandboxProvider

    assert plan_charging(SandboxProvider()) == SAVED_CARD


def test_confirming_sets_the_plan_up_and_sends_its_link(
    client, initiative, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://joud.example.om"
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, initiative, frequency="monthly", plan_step="confirm")
    with scopes_disabled():
        plan = RecurringPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/give/plan/{plan.token}/"
    sms = OutboxMessage.objects.get(to__endswith="91234567")
    assert f"https://joud.example.om/give/plan/{plan.token}/" in sms.body
    assert "OMR 5" in sms.body.replace("\xa0", " ") and "Every month" in sms.body
    assert "First charge" in sms.body
    page = client.get(response["Location"]).content.decode()
    assert "Your scheduled giving is set up" in page
    assert 'data-figure="commitment"' in page and "12 charges" in page


def test_change_returns_to_the_form_with_the_figures(client, initiative):
    response = _post(client, initiative, frequency="weekly", plan_step="edit", preset="10.000")
    html = response.content.decode()
    assert "give-form" in html and 'value="10.000" autocomplete="off" checked' in html
    with scopes_disabled():
        assert not RecurringPlan.objects.exists()


def test_no_contact_is_refused_before_the_confirmation(client, initiative):
    response = _post(client, initiative, frequency="daily", donor_phone="")
    html = response.content.decode()
    assert "give-form" in html and "invalid-feedback" in html
    assert "Confirm the plan" not in html
