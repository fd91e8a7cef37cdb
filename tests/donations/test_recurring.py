"""Recurring giving: each due date charged exactly once, Ramadan's last ten nights included."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from joud.core.dates import last_ten_nights
from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, RecurringCharge, RecurringPlan
from joud.donations.recurring import next_due, recurring_charge_due, recurring_plan_create
from joud.donations.services import accepted_events_apply
from joud.ledger.selectors import initiative_raised


def _plan(initiative, frequency, today, **kw):
    with scopes_disabled():
        return recurring_plan_create(
            organization=initiative.organization,
            target="initiative",
            initiative=initiative,
            amount=Decimal(kw.pop("amount", "2.000")),
            frequency=frequency,
            donor_phone="+96891234567",
            today=today,
            **kw,
        )


def _days(start: dt.date, end: dt.date):
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


@pytest.mark.django_db
def test_ten_nights_plan_charges_exactly_ten_times_across_the_month_boundary(
    initiative, django_capture_on_commit_callbacks
):
    nights = last_ten_nights(1445)  # a 30-day Ramadan: 30 March – 8 April 2024
    assert len(nights) == 10 and nights[0].month == 3 and nights[-1].month == 4
    plan = _plan(initiative, "ten_nights", dt.date(2024, 3, 1))  # planned in Shaban
    assert plan.hijri_year == 1445 and plan.next_charge_on == nights[0]
    with django_capture_on_commit_callbacks(execute=True):
        for day in _days(dt.date(2024, 3, 1), dt.date(2024, 4, 25)):  # into Shawwal
            recurring_charge_due(today=day)
            recurring_charge_due(today=day)  # a second scheduler run the same day
    with django_capture_on_commit_callbacks(execute=True):
        accepted_events_apply()  # the consumer applies the charges' accepted webhooks
    with scopes_disabled():
        charges = list(RecurringCharge.objects.filter(plan=plan).order_by("due_on"))
        plan.refresh_from_db()
        confirmed = Donation.objects.filter(state="confirmed").count()
    assert [c.due_on for c in charges] == nights
    assert confirmed == 10
    assert plan.state == "finished" and plan.next_charge_on is None
    assert initiative_raised(initiative) == Decimal("20.000")
    assert OutboxMessage.objects.filter(to="+96891234567").count() == 10  # one thank-you each


@pytest.mark.django_db
def test_a_late_scheduler_charges_missed_nights_once_each(
    initiative, django_capture_on_commit_callbacks
):
    nights = last_ten_nights(1445)
    plan = _plan(initiative, "ten_nights", dt.date(2024, 3, 20))
    with django_capture_on_commit_callbacks(execute=True):
        recurring_charge_due(today=nights[4])  # the scheduler was down for four nights
        recurring_charge_due(today=nights[9])
        recurring_charge_due(today=nights[9] + dt.timedelta(days=30))
    with scopes_disabled():
        assert (
            sorted(RecurringCharge.objects.filter(plan=plan).values_list("due_on", flat=True))
            == nights
        )


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_never_charge_a_night_twice(initiative):
    plan = _plan(initiative, "daily", dt.date(2026, 1, 1))
    barrier = threading.Barrier(4)

    def run():
        barrier.wait()
        try:
            recurring_charge_due(today=dt.date(2026, 1, 10))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    accepted_events_apply()
    with scopes_disabled():
        dates = list(RecurringCharge.objects.filter(plan=plan).values_list("due_on", flat=True))
        assert Donation.objects.filter(state="confirmed").count() == 10
    assert sorted(dates) == [dt.date(2026, 1, d) for d in range(1, 11)]


@pytest.mark.django_db
def test_donor_pauses_resumes_and_cancels_from_the_link(client, initiative):
    plan = _plan(initiative, "daily", dt.date.today() - dt.timedelta(days=3))
    page = client.get(f"/give/plan/{plan.token}/")
    assert page.status_code == 200
    client.post(f"/give/plan/{plan.token}/", {"action": "paused"})
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.state == "paused"
    assert recurring_charge_due() == 0
    client.post(f"/give/plan/{plan.token}/", {"action": "active"})
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.state == "active" and plan.next_charge_on == dt.date.today()  # missed skipped
    client.post(f"/give/plan/{plan.token}/", {"action": "cancelled"})
    with scopes_disabled():
        plan.refresh_from_db()
    assert plan.state == "cancelled"
    assert client.get("/give/plan/not-a-token/").status_code == 404


@pytest.mark.django_db
def test_giving_form_starts_a_plan(client, initiative):
    fields = {
        "preset": "5.000",
        "frequency": "friday",
        "donor_phone": "91234567",
        "gift_language": "ar",
    }
    confirm = client.post(f"/give/{initiative.public_code}/", fields)
    assert confirm.status_code == 200 and 'value="confirm"' in confirm.content.decode()
    with scopes_disabled():
        assert not RecurringPlan.objects.exists()  # nothing set up before it is confirmed
    response = client.post(f"/give/{initiative.public_code}/", {**fields, "plan_step": "confirm"})
    with scopes_disabled():
        plan = RecurringPlan.objects.get()
    assert response["Location"] == f"/give/plan/{plan.token}/"
    assert plan.next_charge_on.weekday() == 4
    refused = client.post(
        f"/give/{initiative.public_code}/",
        {"preset": "5.000", "frequency": "daily", "gift_language": "ar"},
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "invalid-feedback" in html or "alert-danger" in html  # no contact: refused
    with scopes_disabled():
        assert RecurringPlan.objects.count() == 1


def test_next_dates():
    plan = RecurringPlan(frequency="monthly", created_at=None)
    assert next_due(plan, dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
    plan = RecurringPlan(frequency="friday")
    assert next_due(plan, dt.date(2026, 11, 26)) == dt.date(2026, 11, 27)  # Thu -> Fri
    assert next_due(plan, dt.date(2026, 11, 27)) == dt.date(2026, 12, 4)
    plan = RecurringPlan(frequency="weekly")
    assert next_due(plan, dt.date(2026, 12, 28)) == dt.date(2027, 1, 4)
