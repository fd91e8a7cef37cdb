"""Check-in and check-out by QR: site codes, scanned twice, wrong site, outside the window."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.volunteering import services, tokens
from joud.volunteering.models import Application
from tests.volunteering.factories import ApplicationFactory, ShiftFactory

pytestmark = pytest.mark.django_db


def _now_shift(**kwargs):
    """A shift that started 30 minutes ago and runs 4 hours."""
    start = timezone.now() - dt.timedelta(minutes=30)
    return ShiftFactory(starts_at=start, ends_at=start + dt.timedelta(hours=4), **kwargs)


def _record(application, shift, action, at):
    return services.attendance_record(
        application=application,
        site_shift=shift,
        action=action,
        actor=application.volunteer,
        at=at,
    )


def test_check_in_and_out_computes_minutes_within_the_shift():
    shift = ShiftFactory()
    application = ApplicationFactory(shift=shift)
    _record(application, shift, "in", shift.starts_at - dt.timedelta(minutes=20))
    done = _record(application, shift, "out", shift.starts_at + dt.timedelta(minutes=150))
    # Arriving early does not count: 150 minutes from the shift's start.
    assert done.minutes == 150
    assert done.hours_status == "pending"


def test_scanning_twice_gives_a_clear_message():
    shift = ShiftFactory()
    application = ApplicationFactory(shift=shift)
    at = shift.starts_at + dt.timedelta(minutes=2)
    _record(application, shift, "in", at)
    with pytest.raises(BusinessError) as exc:
        _record(application, shift, "in", at + dt.timedelta(minutes=1))
    assert exc.value.code == "already_in"
    # A check-out a moment after checking in is taken as a second scan, not a 1-minute shift.
    with pytest.raises(BusinessError) as exc:
        _record(application, shift, "out", at + dt.timedelta(minutes=1))
    assert exc.value.code == "scanned_twice"
    _record(application, shift, "out", at + dt.timedelta(hours=2))
    with pytest.raises(BusinessError) as exc:
        _record(application, shift, "out", at + dt.timedelta(hours=3))
    assert exc.value.code == "already_out"


def test_wrong_site_is_refused():
    mine = ShiftFactory()
    other = ShiftFactory(starts_at=mine.starts_at, ends_at=mine.ends_at)
    application = ApplicationFactory(shift=mine)
    with pytest.raises(BusinessError) as exc:
        _record(application, other, "in", mine.starts_at)
    assert exc.value.code == "wrong_site"


def test_outside_the_window_is_refused():
    shift = ShiftFactory()
    application = ApplicationFactory(shift=shift)
    with pytest.raises(BusinessError) as exc:
        _record(application, shift, "in", shift.starts_at - dt.timedelta(hours=2))
    assert exc.value.code == "too_early"
    with pytest.raises(BusinessError) as exc:
        _record(application, shift, "in", shift.ends_at + dt.timedelta(minutes=1))
    assert exc.value.code == "too_late"


def test_waitlisted_cannot_check_in():
    shift = ShiftFactory()
    application = ApplicationFactory(shift=shift, status=Application.Status.WAITLISTED)
    with pytest.raises(BusinessError) as exc:
        _record(application, shift, "in", shift.starts_at)
    assert exc.value.code == "not_accepted"


def test_volunteer_scans_site_code_in_the_browser(client):
    shift = _now_shift()
    application = ApplicationFactory(shift=shift)
    client.force_login(application.volunteer)
    url = f"/volunteer/scan/{tokens.site_token(shift)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="in"' in page.content.decode()
    assert client.post(url, {"action": "in"}).status_code == 302
    again = client.post(url, {"action": "in"})
    assert again.status_code == 200
    assert "سبق أن سجّلت حضورك" in again.content.decode()
    with scopes_disabled():
        application.refresh_from_db()
    assert application.checked_in_at is not None


def test_site_code_of_another_shift_says_wrong_site(client):
    mine = _now_shift()
    elsewhere = _now_shift()
    application = ApplicationFactory(shift=mine)
    client.force_login(application.volunteer)
    page = client.get(f"/volunteer/scan/{tokens.site_token(elsewhere)}/")
    body = page.content.decode()
    assert "موقع خاطئ" in body
    assert 'value="in"' not in body


def test_rotated_site_code_stops_working(client, coordinator):
    shift = _now_shift(opportunity__organization=coordinator.memberships.get().organization)
    application = ApplicationFactory(shift=shift)
    old = tokens.site_token(shift)
    services.shift_rotate_site_code(shift=shift, actor=coordinator)
    with pytest.raises(BusinessError) as exc:
        services.shift_for_site_token(old)
    assert exc.value.code == "old_code"
    client.force_login(application.volunteer)
    assert client.get(f"/volunteer/scan/{old}/").status_code == 400
    assert client.get("/volunteer/scan/not-a-code/").status_code == 400


def test_coordinator_scans_personal_code(coordinator_client, coordinator, org):
    shift = _now_shift(opportunity__organization=org)
    application = ApplicationFactory(shift=shift)
    token = tokens.person_token(application.volunteer)
    response = coordinator_client.get(f"/volunteer/person/{token}/")
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"])
    assert page.status_code == 200
    coordinator_client.post(response["Location"], {"application": application.pk, "action": "in"})
    with scopes_disabled():
        application.refresh_from_db()
    assert application.checked_in_at is not None


def test_scan_page_says_at_once_when_the_shift_is_over_or_not_accepted(client):
    start = timezone.now() - dt.timedelta(hours=9)
    ended = ShiftFactory(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    application = ApplicationFactory(shift=ended)
    client.force_login(application.volunteer)
    body = client.get(f"/volunteer/scan/{tokens.site_token(ended)}/").content.decode()
    assert "انتهت هذه المناوبة" in body and 'name="action"' not in body

    current = _now_shift()
    waiting = ApplicationFactory(shift=current, status=Application.Status.WAITLISTED)
    client.force_login(waiting.volunteer)
    body = client.get(f"/volunteer/scan/{tokens.site_token(current)}/").content.decode()
    assert "في قائمة الانتظار" in body and 'name="action"' not in body
