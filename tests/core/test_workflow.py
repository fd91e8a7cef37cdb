"""core.workflow: the declared table, its guard and the audit entry of a step taken."""

from __future__ import annotations

import pytest
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_noop

from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.models import AuditLogEntry
from joud.core.workflow import ActorKind, Refusals, Transition, Workflow, step
from tests.factories import OrganizationFactory, UserFactory

ORG, MINISTRY, SYSTEM = ActorKind.ORGANIZATION, ActorKind.MINISTRY, ActorKind.SYSTEM


class Light(models.TextChoices):
    RED = "red", "Red light"
    GREEN = "green", "Green light"
    OFF = "off", "Off"


LIGHT = Workflow(
    "light",
    {
        (Light.RED, Light.GREEN): step("opened", ORG, SYSTEM),
        (Light.GREEN, Light.OFF): step("switched_off", MINISTRY, reason=True),
    },
    labels=Light,
    refusals=Refusals(
        not_allowed=gettext_noop("A light cannot go from “%(from)s” to “%(to)s”."),
        wrong_actor="Not yours to switch.",
        reviewer_only="Reviewers only.",
        reason_needed="Say why.",
    ),
)


class Reviewer:
    is_authenticated = True
    is_ministry_reviewer = True


class Stranger:
    is_authenticated = True
    is_ministry_reviewer = False


def test_the_table_reads_as_a_mapping_of_steps():
    assert dict(LIGHT) == {
        ("red", "green"): Transition("opened", frozenset({ORG, SYSTEM})),
        ("green", "off"): Transition("switched_off", frozenset({MINISTRY}), needs_reason=True),
    }
    assert LIGHT.get(("off", "red")) is None
    assert len(LIGHT) == 2


def test_a_step_must_name_who_may_take_it_and_a_workflow_a_plain_name():
    with pytest.raises(ValueError):
        step("opened")
    with pytest.raises(ValueError):
        Workflow("not.a.name", {}, refusals=LIGHT.refusals)


def test_the_guard_allows_a_listed_step_for_a_listed_actor_kind():
    assert LIGHT.check(source="red", to="green", by=ORG).verb == "opened"
    assert LIGHT.check(source="red", to="green", by=SYSTEM).verb == "opened"
    taken = LIGHT.check(source="green", to="off", by=MINISTRY, actor=Reviewer(), reason="late")
    assert taken.verb == "switched_off"


def test_an_unlisted_step_is_refused_with_the_states_labels_in_the_readers_language():
    with translation.override("en"), pytest.raises(BusinessError) as exc:
        LIGHT.check(source="off", to="green", by=SYSTEM)
    assert exc.value.code == "transition_not_allowed"
    assert str(exc.value) == "A light cannot go from “Off” to “Green light”."
    assert not isinstance(exc.value, PermissionDeniedError)


def test_an_actor_kind_the_step_does_not_list_is_refused():
    with pytest.raises(PermissionDeniedError) as exc:
        LIGHT.check(source="red", to="green", by=MINISTRY, actor=Reviewer())
    assert str(exc.value) == "Not yours to switch."


def test_a_ministry_step_needs_a_real_reviewer():
    for actor in (None, Stranger()):
        with pytest.raises(PermissionDeniedError) as exc:
            LIGHT.check(source="green", to="off", by=MINISTRY, actor=actor, reason="late")
        assert str(exc.value) == "Reviewers only."


def test_a_decision_that_needs_a_reason_refuses_a_blank_one():
    with pytest.raises(BusinessError) as exc:
        LIGHT.check(source="green", to="off", by=MINISTRY, actor=Reviewer(), reason="   ")
    assert exc.value.field == "reason" and str(exc.value) == "Say why."


@pytest.mark.django_db
def test_record_writes_the_dotted_action_with_from_to_and_reason():
    org = OrganizationFactory()
    user = UserFactory()
    transition = LIGHT[("green", "off")]
    entry = LIGHT.record(
        transition,
        target=org,
        source="green",
        to="off",
        actor=user,
        reason="  late  ",
        data={"extra": 1},
    )
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()
    assert entry.action == "joud.light.switched_off"
    assert entry.data == {"from": "green", "to": "off", "reason": "late", "extra": 1}
    assert entry.actor == user and entry.organization_id == org.pk
