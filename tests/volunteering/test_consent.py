"""Volunteers under 18 wait for a guardian's consent, given through a signed SMS link."""

from __future__ import annotations

import re

import pytest

from joud.core.errors import BusinessError
from joud.core.models import OutboxMessage
from joud.core.tenancy import scopes_disabled
from joud.volunteering import services, tokens
from tests.volunteering.factories import ShiftFactory, minor, volunteer

pytestmark = pytest.mark.django_db

GUARDIAN = "+96899112233"


def _link_token(body: str) -> str:
    match = re.search(r"/volunteer/consent/([^/\s]+)/", body)
    assert match, body
    return match.group(1)


def test_minor_needs_guardian_details():
    shift = ShiftFactory()
    with pytest.raises(BusinessError) as exc:
        services.shift_apply(shift=shift, volunteer=minor())
    assert exc.value.code == "guardian_required"


def test_minor_too_young_for_the_opportunity_is_refused():
    shift = ShiftFactory(opportunity__min_age=16)
    with pytest.raises(BusinessError) as exc:
        services.shift_apply(
            shift=shift, volunteer=minor(), guardian_name="والد", guardian_phone=GUARDIAN
        )
    assert exc.value.code == "too_young"


def test_consent_flow_sms_link_then_accepted(client, django_capture_on_commit_callbacks):
    shift = ShiftFactory(capacity=1)
    person = minor(user__full_name="ليلى بنت سالم")
    with django_capture_on_commit_callbacks(execute=True):
        application = services.shift_apply(
            shift=shift, volunteer=person, guardian_name="سالم بن علي", guardian_phone="9911 2233"
        )
    assert application.status == "pending_consent"
    assert application.guardian_phone == GUARDIAN
    sms = OutboxMessage.objects.get(channel="sms", to=GUARDIAN)
    assert "ليلى بنت سالم" in sms.body
    token = _link_token(sms.body)

    # A pending sign-up holds no place: an adult takes the only place meanwhile? No: still free.
    page = client.get(f"/volunteer/consent/{token}/")
    assert page.status_code == 200
    assert "سالم بن علي" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/volunteer/consent/{token}/", {"answer": "approve"})
    assert response.status_code == 302
    with scopes_disabled():
        application.refresh_from_db()
    assert application.status == "accepted"
    assert application.consent_given_at is not None
    assert OutboxMessage.objects.filter(to=person.phone).exists()  # the minor is told

    # The link cannot be used twice.
    with pytest.raises(BusinessError):
        services.consent_decide(token=token, approve=False)


def test_consent_when_full_goes_to_waiting_list():
    shift = ShiftFactory(capacity=1)
    application = services.shift_apply(
        shift=shift, volunteer=minor(), guardian_name="أم أحمد", guardian_phone=GUARDIAN
    )
    services.shift_apply(shift=shift, volunteer=volunteer())  # an adult takes the place
    decided = services.consent_decide(token=tokens.consent_token(application), approve=True)
    assert decided.status == "waitlisted"


def test_guardian_can_decline():
    shift = ShiftFactory()
    application = services.shift_apply(
        shift=shift, volunteer=minor(), guardian_name="أم أحمد", guardian_phone=GUARDIAN
    )
    decided = services.consent_decide(token=tokens.consent_token(application), approve=False)
    assert decided.status == "declined"


def test_forged_or_foreign_token_is_refused(client):
    shift = ShiftFactory()
    application = services.shift_apply(
        shift=shift, volunteer=minor(), guardian_name="أم أحمد", guardian_phone=GUARDIAN
    )
    good = tokens.consent_token(application)
    forged = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    with pytest.raises(BusinessError):
        services.consent_decide(token=forged, approve=True)
    # A site code is signed for another purpose and is refused here.
    with pytest.raises(BusinessError):
        services.consent_decide(token=tokens.site_token(shift), approve=True)
    assert client.get(f"/volunteer/consent/{forged}/").status_code == 404


def test_minor_cannot_check_in_before_consent():
    shift = ShiftFactory()
    application = services.shift_apply(
        shift=shift, volunteer=minor(), guardian_name="أم أحمد", guardian_phone=GUARDIAN
    )
    with pytest.raises(BusinessError) as exc:
        services.attendance_record(
            application=application,
            site_shift=shift,
            action="in",
            actor=None,
            at=shift.starts_at,
        )
    assert exc.value.code == "not_accepted"
