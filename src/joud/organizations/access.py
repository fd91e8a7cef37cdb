"""Who may see or do what inside an organization: membership and role checks.

Services call the ``require_*`` functions (they raise the platform's business error); views use
``organization_member_required``, which also puts the request inside the organization's scope.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from joud.core.errors import PermissionDeniedError
from joud.core.tenancy import organization_scope
from joud.organizations.models import Membership, Organization

ADMIN = Membership.Role.ADMIN


def is_member(user, organization_id: int | None, *roles: str) -> bool:
    """An active member of the organization (in one of ``roles``, if any are given)."""
    if organization_id is None or not getattr(user, "is_authenticated", False):
        return False
    memberships = Membership.objects.filter(
        user=user, organization_id=organization_id, is_active=True
    )
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.exists()


def active_roles(user) -> set[str]:
    """Every role ``user`` holds in any organization (what their menu offers)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, is_active=True).values_list("role", flat=True))


def is_admin(user, organization: Organization) -> bool:
    return is_member(user, organization.pk, ADMIN)


def require_admin(user, organization: Organization) -> None:
    if not is_admin(user, organization):
        raise PermissionDeniedError(_("Only the organization's administrator can do this."))


def require_team_member(user, organization: Organization) -> None:
    if not is_member(user, organization.pk):
        raise PermissionDeniedError(_("Only the organization's team can post updates."))


def organization_member_required(*roles: str):
    """The view gets ``request.organization`` and runs inside that organization's scope.

    The organization comes from the ``org`` URL argument (its slug) or, if absent, the user's
    only (or first) active membership.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            memberships = Membership.objects.filter(user=request.user, is_active=True)
            if roles:
                memberships = memberships.filter(role__in=roles)
            slug = kwargs.get("org")
            if slug:
                organization = get_object_or_404(Organization, slug=slug)
                memberships = memberships.filter(organization=organization)
            membership = memberships.select_related("organization").first()
            if membership is None:
                raise PermissionDenied
            request.organization = membership.organization
            request.membership = membership
            with organization_scope(membership.organization):
                return view(request, *args, **kwargs)

        return wrapper

    return decorator
