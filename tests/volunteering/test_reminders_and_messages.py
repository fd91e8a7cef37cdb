"""Reminders the day before (periodic job) and coordinators' messages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.core.errors import BusinessError
from joud.core.models import OutboxMessage
from joud.core.scheduling import REGISTRY
from joud.volunteering import services, tasks
from joud.volunteering.models import Application
from tests.volunteering.factories import ApplicationFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def _tomorrow_at(hour):
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_reminder_job_is_registered():
    assert tasks.send_shift_reminders is not None  # importing the module registers the job
    assert "joud.volunteering.shift_reminders" in REGISTRY


def test_reminders_go_once_to_accepted_volunteers_of_tomorrow(django_capture_on_commit_callbacks):
    tomorrow = ShiftFactory(starts_at=_tomorrow_at(8))
    later = ShiftFactory(starts_at=_tomorrow_at(8) + dt.timedelta(days=2))
    going = ApplicationFactory(shift=tomorrow)
    waiting = ApplicationFactory(shift=tomorrow, status=Application.Status.WAITLISTED)
    ApplicationFactory(shift=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.shift_reminders_send() == 1
    assert OutboxMessage.objects.filter(to=going.volunteer.phone, channel="sms").count() == 1
    assert not OutboxMessage.objects.filter(to=waiting.volunteer.phone).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.shift_reminders_send() == 0


def test_coordinator_messages_accepted_volunteers(
    org, coordinator, django_capture_on_commit_callbacks
):
    shift = ShiftFactory(opportunity__organization=org)
    going = ApplicationFactory(shift=shift)
    waiting = ApplicationFactory(shift=shift, status=Application.Status.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.volunteers_message(
            shift=shift, actor=coordinator, audience="accepted", body="أحضروا قبعات", channel="sms"
        )
    assert count == 1
    sms = OutboxMessage.objects.get(to=going.volunteer.phone)
    assert "أحضروا قبعات" in sms.body
    assert not OutboxMessage.objects.filter(to=waiting.volunteer.phone).exists()
    with pytest.raises(BusinessError):
        services.volunteers_message(shift=shift, actor=coordinator, audience="all", body=" ")


def test_message_page(coordinator_client, org):
    shift = ShiftFactory(opportunity__organization=org)
    ApplicationFactory(shift=shift)
    url = f"/volunteer/manage/{org.slug}/shifts/{shift.pk}/message/"
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"audience": "all", "channel": "both", "body": ""})
    assert response.status_code == 200  # re-shown with an error
    response = coordinator_client.post(
        url, {"audience": "all", "channel": "both", "body": "موعدنا الساعة الثامنة"}
    )
    assert response.status_code == 302
