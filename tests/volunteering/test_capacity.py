"""Places and waiting lists: exact under concurrent sign-ups; a cancellation promotes the next."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from joud.core.errors import BusinessError
from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.volunteering import selectors, services
from joud.volunteering.models import Application
from tests.volunteering.factories import ShiftFactory, volunteer


def _statuses(shift):
    with scopes_disabled():
        return list(
            Application.objects.filter(shift=shift)
            .order_by("queued_at", "id")
            .values_list("status", flat=True)
        )


@pytest.mark.django_db
def test_first_come_accepted_then_waitlisted():
    shift = ShiftFactory(capacity=2)
    people = [volunteer() for _ in range(3)]
    results = [services.shift_apply(shift=shift, volunteer=p).status for p in people]
    assert results == ["accepted", "accepted", "waitlisted"]


@pytest.mark.django_db
def test_signing_up_twice_is_refused():
    shift = ShiftFactory(capacity=5)
    person = volunteer()
    services.shift_apply(shift=shift, volunteer=person)
    with pytest.raises(BusinessError) as exc:
        services.shift_apply(shift=shift, volunteer=person)
    assert exc.value.code == "duplicate"
    assert "مسجّل في هذه المناوبة" in str(exc.value)


@pytest.mark.django_db
def test_overlapping_shift_at_another_organization_is_refused():
    first = ShiftFactory()
    other = ShiftFactory(starts_at=first.starts_at, ends_at=first.ends_at)
    person = volunteer()
    services.shift_apply(shift=first, volunteer=person)
    with pytest.raises(BusinessError) as exc:
        services.shift_apply(shift=other, volunteer=person)
    assert exc.value.code == "overlap"


@pytest.mark.django_db
def test_cancel_promotes_first_waitlisted_and_tells_them(django_capture_on_commit_callbacks):
    shift = ShiftFactory(capacity=1)
    a, b, c = volunteer(), volunteer(), volunteer()
    first = services.shift_apply(shift=shift, volunteer=a)
    second = services.shift_apply(shift=shift, volunteer=b)
    services.shift_apply(shift=shift, volunteer=c)
    assert second.status == "waitlisted"
    with django_capture_on_commit_callbacks(execute=True):
        services.application_cancel(application=first, actor=a)
    with scopes_disabled():
        second.refresh_from_db()
        assert second.status == "accepted"
        assert Application.objects.get(shift=shift, volunteer=c).status == "waitlisted"
    sms = OutboxMessage.objects.filter(channel="sms", to=b.phone)
    assert sms.count() == 1 and "أصبحت مقبولاً" in sms.get().body
    assert OutboxMessage.objects.filter(channel="email", to=b.email).exists()
    assert not OutboxMessage.objects.filter(to=c.phone).exists()


@pytest.mark.django_db
def test_cancelling_a_waitlisted_place_promotes_nobody():
    shift = ShiftFactory(capacity=1)
    a, b = volunteer(), volunteer()
    services.shift_apply(shift=shift, volunteer=a)
    waiting = services.shift_apply(shift=shift, volunteer=b)
    services.application_cancel(application=waiting, actor=b)
    assert _statuses(shift) == ["accepted", "cancelled"]


@pytest.mark.django_db
def test_raising_capacity_promotes_from_the_waiting_list(coordinator):
    shift = ShiftFactory(
        capacity=1, opportunity__organization=coordinator.memberships.get().organization
    )
    people = [volunteer() for _ in range(3)]
    for p in people:
        services.shift_apply(shift=shift, volunteer=p)
    services.shift_set_capacity(shift=shift, capacity=2, actor=coordinator)
    assert _statuses(shift) == ["accepted", "accepted", "waitlisted"]
    with pytest.raises(BusinessError):
        services.shift_set_capacity(shift=shift, capacity=1, actor=coordinator)


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_signups_for_ten_places():
    assert connection.vendor == "postgresql"
    shift = ShiftFactory(capacity=10)
    people = [volunteer() for _ in range(30)]
    barrier = threading.Barrier(len(people))
    outcomes, errors = [], []

    def sign_up(person):
        try:
            barrier.wait(timeout=30)
            outcomes.append(services.shift_apply(shift=shift, volunteer=person).status)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert sorted(outcomes).count("accepted") == 10
    assert sorted(outcomes).count("waitlisted") == 20
    stored = _statuses(shift)
    assert stored.count("accepted") == 10 and stored.count("waitlisted") == 20


@pytest.mark.django_db
def test_suspended_organization_neither_lists_nor_takes_volunteers():
    shift = ShiftFactory()
    organization = shift.organization
    assert shift.opportunity in selectors.open_opportunities()
    organization.status = "suspended"
    organization.save()
    assert shift.opportunity not in selectors.open_opportunities()
    with pytest.raises(BusinessError) as exc:
        services.shift_apply(shift=shift, volunteer=volunteer())
    assert exc.value.code == "not_licensed"


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_exactly_the_freed_places():
    shift = ShiftFactory(capacity=10)
    people = [volunteer() for _ in range(16)]
    applications = [services.shift_apply(shift=shift, volunteer=p) for p in people]
    leaving = [a for a in applications if a.status == "accepted"][:5]
    barrier = threading.Barrier(len(leaving))
    errors = []

    def cancel(application):
        try:
            barrier.wait(timeout=30)
            services.application_cancel(application=application, actor=application.volunteer)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(a,)) for a in leaving]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    stored = _statuses(shift)
    assert stored.count("accepted") == 10
    assert stored.count("cancelled") == 5
    assert stored.count("waitlisted") == 1
    # The waiting list was served in order: the last to join is the one still waiting.
    with scopes_disabled():
        still_waiting = Application.objects.get(shift=shift, status="waitlisted")
    assert still_waiting.volunteer == people[-1]
