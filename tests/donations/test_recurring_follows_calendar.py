"""Last-ten-nights plans follow Oman's announced month starts: the next charge moves, the charges
made stay, and the donor is told."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from joud.core.dates import last_ten_nights
from joud.core.hijri import hijri_month_start_announce
from joud.core.models import AuditLogEntry, OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.models import RecurringCharge, RecurringPlan
from joud.donations.recurring import recurring_charge_due, recurring_plan_create

pytestmark = pytest.mark.django_db
PHONE = "+96891234567"


@pytest.fixture
def today(monkeypatch):
    """The scheduler's and the follower's "today" (the follower runs in a background task)."""
    box = {"day": dt.date(2026, 12, 3)}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: box["day"])
    return box


def _plan(initiative, today):
    with scopes_disabled():
        return recurring_plan_create(
            organization=initiative.organization,
            target="initiative",
            initiative=initiative,
            amount=Decimal("2.000"),
            frequency="ten_nights",
            donor_phone=PHONE,
            today=today,
        )


def test_a_later_ramadan_moves_the_next_charge_and_tells_the_donor(
    initiative, ministry_client, today, django_capture_on_commit_callbacks
):
    plan = _plan(initiative, today["day"])
    assert plan.hijri_year == 1448
    assert plan.next_charge_on == dt.date(2027, 2, 27)  # Umm al-Qura: 1 Ramadan = 8 February
    with django_capture_on_commit_callbacks(execute=True):
        response = ministry_client.post(
            "/ministry/calendar/",
            {"hijri_year": "1448", "hijri_month": "9", "starts_on": "2027-02-09", "confirmed": "0"},
        )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.next_charge_on == dt.date(2027, 2, 28) == last_ten_nights(1448)[0]
    told = OutboxMessage.objects.filter(to=PHONE).latest("id")
    assert "٢٨ فبراير ٢٠٢٧" in told.body and "رمضان" in told.body
    moved = AuditLogEntry.objects.get(action="joud.recurring.moved", object_id=str(plan.pk))
    assert moved.data == {"old": "2027-02-27", "new": "2027-02-28"}


def test_a_shorter_ramadan_ends_the_plan_and_keeps_the_charges_made(
    initiative, today, django_capture_on_commit_callbacks
):
    # Ramadan 1448 confirmed on 8 February; Eid expected on 10 March: a 30-day month, ten nights
    with django_capture_on_commit_callbacks(execute=True):
        hijri_month_start_announce(
            hijri_year=1448, hijri_month=9, starts_on=dt.date(2027, 2, 8), confirmed=True
        )
        hijri_month_start_announce(
            hijri_year=1448, hijri_month=10, starts_on=dt.date(2027, 3, 10), confirmed=False
        )
    nights = last_ten_nights(1448)
    assert len(nights) == 10 and nights[-1] == dt.date(2027, 3, 8)
    plan = _plan(initiative, dt.date(2027, 2, 1))
    with django_capture_on_commit_callbacks(execute=True):
        for night in nights[:9]:
            today["day"] = night
            recurring_charge_due(today=night)
    plan.refresh_from_db()
    assert plan.next_charge_on == dt.date(2027, 3, 8)
    # On the night of the 29th the crescent is seen: Eid is on 9 March, night 30 never comes
    with django_capture_on_commit_callbacks(execute=True):
        hijri_month_start_announce(
            hijri_year=1448, hijri_month=10, starts_on=dt.date(2027, 3, 9), confirmed=True
        )
    plan.refresh_from_db()
    assert plan.state == RecurringPlan.State.FINISHED and plan.next_charge_on is None
    with scopes_disabled():
        charged = list(RecurringCharge.objects.filter(plan=plan).values_list("due_on", flat=True))
    assert sorted(charged) == nights[:9] == last_ten_nights(1448)
    told = OutboxMessage.objects.filter(to=PHONE).latest("id")
    assert told.body.startswith("أعلنت") or "no night" in told.body


def test_plans_of_a_year_already_past_do_not_move(
    initiative, today, django_capture_on_commit_callbacks
):
    plan = _plan(initiative, today["day"])
    other = RecurringPlan.unscoped.create(
        organization=initiative.organization,
        target="initiative",
        initiative=initiative,
        amount=Decimal("1.000"),
        frequency="ten_nights",
        hijri_year=1447,
        state=RecurringPlan.State.FINISHED,
        donor_phone="+96890000001",
    )
    with django_capture_on_commit_callbacks(execute=True):
        hijri_month_start_announce(
            hijri_year=1448, hijri_month=9, starts_on=dt.date(2027, 2, 9), confirmed=True
        )
    other.refresh_from_db()
    assert other.next_charge_on is None and other.state == RecurringPlan.State.FINISHED
    assert not OutboxMessage.objects.filter(to="+96890000001").exists()
    plan.refresh_from_db()
    assert plan.next_charge_on == dt.date(2027, 2, 28)
