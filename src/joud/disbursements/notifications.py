"""Every message disbursements send, declared once (``joud.core.notify``): the finance team is
told a payment waits for a second approval, and the requester is told what was decided."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from joud.core.notify import EMAIL, Recipient, event, notify
from joud.disbursements.access import FINANCE_ROLES
from joud.organizations.models import Membership

APPROVAL_NEEDED = event(
    "disbursements.approval_needed",
    subject=gettext_noop("Joud: a payment waits for your approval"),
    body=gettext_noop(
        "Payment %(reference)s of %(amount)s OMR waits for a second approval: "
        "open Payments out on Joud."
    ),
    channels=(EMAIL,),
)

DECIDED = event(
    "disbursements.decided",
    subject=gettext_noop("Joud: a decision on your payment request"),
    body=gettext_noop("Payment %(reference)s is now: %(state)s. %(reason)s"),
    channels=(EMAIL,),
)


def tell_approvers(disbursement) -> None:
    approvers = (
        Membership.objects.filter(
            organization_id=disbursement.organization_id, role__in=FINANCE_ROLES, is_active=True
        )
        .exclude(user_id=disbursement.requested_by_id)
        .select_related("user")
    )
    seen = set()
    for membership in approvers:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        notify(
            Recipient.of_user(membership.user),
            APPROVAL_NEEDED,
            {"reference": disbursement.reference, "amount": f"{disbursement.amount:.3f}"},
        )


def tell_requester(disbursement) -> None:
    notify(
        Recipient.of_user(disbursement.requested_by),
        DECIDED,
        {
            "reference": disbursement.reference,
            "state": disbursement.get_state_display(),
            "reason": disbursement.reason,
        },
    )
