"""The one transition helper: a declared table of allowed state changes, its guard, its audit.

An app declares its life cycle once::

    INITIATIVE = Workflow(
        "initiative",
        {(State.DRAFT, State.SUBMITTED): step("submitted", ORGANIZATION), ...},
        labels=State,
        refusals=Refusals(
            not_allowed=gettext_noop("An initiative cannot go from “%(from)s” to “%(to)s”."),
            wrong_actor=_("You are not allowed to take this step."), ...
        ),
    )

and, inside its own transaction, calls ``INITIATIVE.check(...)`` before changing the state and
``INITIATIVE.record(...)`` after saving it. The guard refuses with a ``BusinessError`` the user
can read: a change the table does not list, an actor kind the step does not allow, a ministry
step taken by someone who is not a reviewer, a decision without its reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext

from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError


class ActorKind(StrEnum):
    """Who may take a step: the organization itself, a ministry reviewer, the scheduler."""

    ORGANIZATION = "organization"
    MINISTRY = "ministry"
    SYSTEM = "system"


@dataclass(frozen=True)
class Transition:
    verb: str  # the audit action is joud.<workflow name>.<verb>
    by: frozenset[ActorKind]
    needs_reason: bool = False


def step(verb: str, *by: ActorKind, reason: bool = False) -> Transition:
    """One row of a table: its audit verb, the actor kinds allowed, whether a reason is due."""
    if not by:
        raise ValueError(f"transition {verb!r} names no actor kind that may take it")
    return Transition(verb=verb, by=frozenset(by), needs_reason=reason)


def is_ministry_reviewer(actor) -> bool:
    return bool(
        getattr(actor, "is_authenticated", False) and getattr(actor, "is_ministry_reviewer", False)
    )


@dataclass(frozen=True)
class Refusals:
    """What the guard says, in the owning app's words (its catalogue holds their Arabic).

    ``not_allowed`` is a ``gettext_noop`` source with ``%(from)s`` and ``%(to)s``: the states'
    labels are put in after translation. The others may be lazy translations.
    """

    not_allowed: str
    wrong_actor: Any
    reviewer_only: Any
    reason_needed: Any


class Workflow(Mapping):
    """A table ``(from, to) -> Transition`` with the guard and the audit entry that go with it.

    It reads as the table itself (``WORKFLOW.get((a, b))``, ``.items()``), so tests can walk it.
    """

    def __init__(
        self,
        name: str,
        transitions: Mapping[tuple[str, str], Transition],
        *,
        labels: Any = None,
        refusals: Refusals,
    ) -> None:
        if not name.isidentifier():
            raise ValueError(f"workflow name must be one part of a dotted name, got {name!r}")
        self.name = name
        self.transitions = dict(transitions)
        self.labels = labels  # the states' TextChoices: the guard names states by their labels
        self.refusals = refusals

    def __getitem__(self, key: tuple[str, str]) -> Transition:
        return self.transitions[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.transitions)

    def __len__(self) -> int:
        return len(self.transitions)

    def _label(self, state: str) -> str:
        if self.labels is None:
            return str(state)
        try:
            return str(self.labels(state).label)
        except ValueError:
            return str(state)

    def check(
        self, *, source: str, to: str, by: ActorKind, actor=None, reason: str = ""
    ) -> Transition:
        """The guard: the step from ``source`` to ``to`` taken by ``by``, or a BusinessError."""
        transition = self.transitions.get((source, to))
        if transition is None:
            raise BusinessError(
                gettext(self.refusals.not_allowed)
                % {"from": self._label(source), "to": self._label(to)},
                code="transition_not_allowed",
            )
        if by not in transition.by:
            raise PermissionDeniedError(self.refusals.wrong_actor)
        if by == ActorKind.MINISTRY and not is_ministry_reviewer(actor):
            raise PermissionDeniedError(self.refusals.reviewer_only)
        if transition.needs_reason and not (reason or "").strip():
            raise BusinessError(self.refusals.reason_needed, field="reason")
        return transition

    def record(
        self,
        transition: Transition,
        *,
        target,
        source: str,
        to: str,
        actor=None,
        reason: str = "",
        data: Mapping[str, Any] | None = None,
    ):
        """The audit entry of a step taken: ``joud.<name>.<verb>`` with from, to and the reason."""
        return audit_log(
            action=f"joud.{self.name}.{transition.verb}",
            actor=actor,
            target=target,
            data={"from": source, "to": to, "reason": (reason or "").strip(), **(data or {})},
        )
