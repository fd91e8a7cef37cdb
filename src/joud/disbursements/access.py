"""Who may request, approve and pay disbursements: the organization's finance officers and
administrators; the approver is always a second person (four eyes), never the requester."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from joud.core.errors import PermissionDeniedError
from joud.organizations.access import is_member
from joud.organizations.models import Membership

FINANCE_ROLES = (Membership.Role.ADMIN, Membership.Role.FINANCE)


def is_finance(user, organization_id: int) -> bool:
    return is_member(user, organization_id, *FINANCE_ROLES)


def require_finance(user, organization_id: int) -> None:
    if not is_finance(user, organization_id):
        raise PermissionDeniedError(
            _("Only the organization's finance officers and administrators can do this.")
        )


def may_approve(user, disbursement) -> bool:
    return (
        is_finance(user, disbursement.organization_id)
        and getattr(user, "pk", None) != disbursement.requested_by_id
    )


def require_approver(user, disbursement) -> None:
    require_finance(user, disbursement.organization_id)
    if user.pk == disbursement.requested_by_id:
        raise PermissionDeniedError(
            _(
                "You asked for this payment, so you cannot approve it: a second member of the "
                "finance team must."
            ),
            code="four_eyes",
        )
