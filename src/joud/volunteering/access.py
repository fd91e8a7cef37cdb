"""Who may see or do what in volunteering. Views and services ask here; they hold no role logic.

Coordinator pages run under ``coordinator_required``: the organization comes from the URL, the
user must be one of its active coordinators or admins, and every read inside the view is scoped
to that organization (another organization's row is simply not found).
"""

from __future__ import annotations

from joud.organizations.access import organization_member_required
from joud.volunteering import selectors, tokens
from joud.volunteering.models import Application, Certificate, Opportunity, Shift

COORDINATOR_ROLES = ("coordinator", "admin")

coordinator_required = organization_member_required(*COORDINATOR_ROLES)


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def is_coordinator(user, organization_id) -> bool:
    """An active coordinator (or admin) of the organization."""
    if not _signed_in(user):
        return False
    return user.memberships.filter(
        organization_id=organization_id, is_active=True, role__in=COORDINATOR_ROLES
    ).exists()


def coordinated_organization(user):
    """The organization ``user`` coordinates (the first, if several), or None."""
    if not _signed_in(user):
        return None
    membership = (
        user.memberships.filter(is_active=True, role__in=COORDINATOR_ROLES)
        .select_related("organization")
        .first()
    )
    return membership.organization if membership else None


def is_own_application(user, application: Application | None) -> bool:
    """A volunteer sees and acts on their own sign-ups only (in whichever organization)."""
    return _signed_in(user) and application is not None and application.volunteer_id == user.pk


def is_own_certificate(user, certificate: Certificate | None) -> bool:
    return _signed_in(user) and certificate is not None and certificate.volunteer_id == user.pk


def may_cancel(user, application: Application) -> bool:
    """The volunteer themself, or a coordinator of the organization."""
    return is_own_application(user, application) or is_coordinator(
        user, application.organization_id
    )


def is_public_shift(shift: Shift | None) -> bool:
    """Anyone may see (and sign up for) a shift unless its opportunity is still a draft."""
    return shift is not None and shift.opportunity.status != Opportunity.Status.DRAFT


def consent_application(token: str) -> Application | None:
    """The sign-up a guardian's signed link opens (no account needed); None for a bad link."""
    application_id = tokens.read_consent_token(token)
    if application_id is None:
        return None
    return selectors.application_for_consent(application_id)
