"""Who may see or do what with cases. Views and services ask here; they hold no role checks.

- Caseworkers and admins of an organization work on its cases, inside its tenancy scope (other
  organizations' cases are invisible there, so they answer 404, not 403).
- Only an organization's admin decides appeals and reads its access log.
- The ministry sees counts, duplicate alerts and the whole access log, never a case file.
- A duplicate pair is decided by the associations involved or by the ministry.
- The public sees a published case until it is closed.
"""

from __future__ import annotations

from django.views.decorators.cache import never_cache

from joud.accounts.permissions import ministry_required
from joud.beneficiaries.models import DuplicateAlert, PublicCase
from joud.organizations.access import organization_member_required

CASEWORK_ROLES = ("caseworker", "admin")
ADMIN_ROLE = "admin"
# Health conditions (sensitive data) are read by the caseworkers who follow the case, not by every
# role that opens case files; each read records its reason in the case's access log.
HEALTH_ROLES = ("caseworker",)


def _members_never_stored(*roles):
    """The members' decorator, and their pages never kept by a browser or a proxy: case pages
    show decrypted civil IDs and family details, and exports carry the whole file."""
    only_members = organization_member_required(*roles)

    def decorate(view):
        return only_members(never_cache(view))

    return decorate


# Decorators for views: the organization's caseworkers (and admins), its admins, the ministry.
caseworker_required = _members_never_stored(*CASEWORK_ROLES)
case_admin_required = _members_never_stored(ADMIN_ROLE)
ministry_reviewer_required = ministry_required


def is_case_admin(membership) -> bool:
    """May decide appeals and read the organization's access log."""
    return membership is not None and membership.role == ADMIN_ROLE


def may_read_health(user, case) -> bool:
    """A caseworker of the case's own organization; never the ministry, never another role."""
    return user.memberships.filter(
        is_active=True, role__in=HEALTH_ROLES, organization_id=case.organization_id
    ).exists()


def may_review_duplicate(alert: DuplicateAlert, user) -> bool:
    """The ministry, or a caseworker or admin of one of the two associations involved."""
    if getattr(user, "is_ministry_reviewer", False):
        return True
    return user.memberships.filter(
        is_active=True,
        role__in=CASEWORK_ROLES,
        organization_id__in=[alert.organization_a_id, alert.organization_b_id],
    ).exists()


def is_visible_to_public(public_case: PublicCase) -> bool:
    """A published or funded case shows; a closed one is gone for the public."""
    return public_case.status != PublicCase.Status.CLOSED
