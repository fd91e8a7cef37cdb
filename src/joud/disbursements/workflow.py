"""The life of a disbursement, as the one transition table (``joud.core.workflow``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from joud.core.workflow import ActorKind, Refusals, Workflow, step
from joud.disbursements.models import Disbursement

State = Disbursement.State
ORG, MINISTRY = ActorKind.ORGANIZATION, ActorKind.MINISTRY

DISBURSEMENT = Workflow(
    "disbursement",
    {
        (State.DRAFT, State.SUBMITTED): step("submitted", ORG),
        # The organization's second approval: booked at once, or sent on to the ministry.
        (State.SUBMITTED, State.POSTED): step("approved", ORG),
        (State.SUBMITTED, State.MINISTRY): step("approved", ORG),
        (State.SUBMITTED, State.REJECTED): step("rejected", ORG, reason=True),
        (State.MINISTRY, State.POSTED): step("ministry_approved", MINISTRY),
        (State.MINISTRY, State.REJECTED): step("ministry_rejected", MINISTRY, reason=True),
        (State.POSTED, State.PAID): step("paid", ORG),
        # A transfer the bank returned (before or after it was marked paid).
        (State.POSTED, State.BOUNCED): step("bounced", ORG, reason=True),
        (State.PAID, State.BOUNCED): step("bounced", ORG, reason=True),
    },
    labels=State,
    refusals=Refusals(
        not_allowed=gettext_noop("A payment cannot go from “%(from)s” to “%(to)s”."),
        wrong_actor=_("You are not allowed to take this step."),
        reviewer_only=_("Only a ministry reviewer can take this decision."),
        reason_needed=_("Give the reason."),
    ),
)
