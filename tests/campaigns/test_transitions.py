"""The allowed-transitions tables, tested exhaustively: every pair of states, every actor kind."""

import functools
import itertools

import pytest

from joud.campaigns.models import Initiative
from joud.campaigns.services import INITIATIVE_TRANSITIONS, initiative_transition
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.models import AuditLogEntry
from joud.organizations.models import Organization
from joud.organizations.services import (
    ORGANIZATION_TRANSITIONS,
    ActorKind,
    organization_transition,
)
from tests.factories import InitiativeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

State = Initiative.State
OrgStatus = Organization.Status

EXPECTED_INITIATIVE = {
    ("draft", "submitted"): "submitted",
    ("submitted", "approved"): "approved",
    ("submitted", "rejected"): "rejected",
    ("submitted", "draft"): "changes_requested",
    ("approved", "live"): "started",
    ("approved", "suspended"): "suspended",
    ("live", "ended"): "ended",
    ("live", "suspended"): "suspended",
    ("ended", "reported"): "reported",
    ("reported", "closed"): "closed",
    ("reported", "ended"): "report_returned",
    ("suspended", "approved"): "reinstated",
    ("suspended", "live"): "reinstated",
    ("suspended", "ended"): "reinstated",
}


def test_the_table_is_the_documented_life_cycle():
    assert {k: t.verb for k, t in INITIATIVE_TRANSITIONS.items()} == EXPECTED_INITIATIVE
    # Closed and rejected are final.
    assert not any(src in (State.CLOSED, State.REJECTED) for src, _ in INITIATIVE_TRANSITIONS)


def _actor_for(kind, reviewer, org_admin):
    return {
        ActorKind.MINISTRY: reviewer,
        ActorKind.ORGANIZATION: org_admin,
        ActorKind.SYSTEM: None,
    }[kind]


@pytest.mark.parametrize(("source", "target"), list(itertools.product(State.values, State.values)))
def test_every_initiative_pair(source, target, reviewer, org_admin, organization):
    transition = INITIATIVE_TRANSITIONS.get((source, target))
    for kind in ActorKind:
        initiative = InitiativeFactory(organization=organization, state=source)
        actor = _actor_for(kind, reviewer, org_admin)
        call = functools.partial(
            initiative_transition,
            initiative=initiative,
            to=target,
            by=kind,
            actor=actor,
            reason="سبب القرار",
        )
        if transition is None:
            with pytest.raises(BusinessError) as exc:
                call()
            assert exc.value.code == "transition_not_allowed"
        elif kind not in transition.by:
            with pytest.raises(PermissionDeniedError):
                call()
        else:
            before = AuditLogEntry.objects.count()
            result = call()
            assert result.state == target
            initiative.refresh_from_db()
            assert initiative.state == target
            entry = AuditLogEntry.objects.order_by("-id").first()
            assert AuditLogEntry.objects.count() == before + 1
            assert entry.action == f"joud.initiative.{transition.verb}"
            assert entry.data["from"] == source and entry.data["to"] == target
            assert entry.data["reason"] == "سبب القرار"
            continue
        initiative.refresh_from_db()
        assert initiative.state == source  # refused: nothing changed


@pytest.mark.parametrize(
    ("source", "target"),
    [k for k, t in INITIATIVE_TRANSITIONS.items() if t.needs_reason],
)
def test_decisions_that_need_a_reason_refuse_without_one(source, target, reviewer, organization):
    initiative = InitiativeFactory(organization=organization, state=source)
    with pytest.raises(BusinessError):
        initiative_transition(
            initiative=initiative, to=target, by=ActorKind.MINISTRY, actor=reviewer, reason="  "
        )
    initiative.refresh_from_db()
    assert initiative.state == source


def test_ministry_transitions_need_a_real_reviewer(org_admin, organization):
    initiative = InitiativeFactory(organization=organization, state=State.SUBMITTED)
    with pytest.raises(PermissionDeniedError):
        initiative_transition(
            initiative=initiative, to=State.APPROVED, by=ActorKind.MINISTRY, actor=org_admin
        )
    initiative.refresh_from_db()
    assert initiative.state == State.SUBMITTED


EXPECTED_ORGANIZATION = {
    ("draft", "pending"): "applied",
    ("changes_requested", "pending"): "resubmitted",
    ("pending", "active"): "approved",
    ("pending", "rejected"): "rejected",
    ("pending", "changes_requested"): "changes_requested",
    ("active", "suspended"): "suspended",
    ("suspended", "active"): "reinstated",
}


def test_the_organization_table_is_the_licensing_workflow():
    assert {k: t.verb for k, t in ORGANIZATION_TRANSITIONS.items()} == EXPECTED_ORGANIZATION


@pytest.mark.parametrize(
    ("source", "target"), list(itertools.product(OrgStatus.values, OrgStatus.values))
)
def test_every_organization_pair(source, target, reviewer, donor):
    transition = ORGANIZATION_TRANSITIONS.get((source, target))
    for kind in ActorKind:
        org = OrganizationFactory(status=source)
        actor = {ActorKind.MINISTRY: reviewer, ActorKind.ORGANIZATION: donor}.get(kind)
        call = functools.partial(
            organization_transition, organization=org, to=target, by=kind, actor=actor, reason="سبب"
        )
        if transition is None:
            with pytest.raises(BusinessError):
                call()
        elif kind not in transition.by:
            with pytest.raises(PermissionDeniedError):
                call()
        else:
            call()
            org.refresh_from_db()
            assert org.status == target
            entry = AuditLogEntry.objects.order_by("-id").first()
            assert entry.action == f"joud.organization.{transition.verb}"
            assert entry.data["reason"] == "سبب"
            assert entry.organization_id == org.pk
            continue
        org.refresh_from_db()
        assert org.status == source
