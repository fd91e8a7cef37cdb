"""Role checks for views. Business rules stay in services; these only gate pages."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from joud.core.tenancy import organization_scope


def ministry_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_ministry_reviewer:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def organization_member_required(*roles: str):
    """The view gets ``request.organization`` and runs inside that organization's scope.

    The organization comes from the ``org`` URL argument (its slug) or, if absent, the user's
    only (or first) active membership.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from joud.organizations.models import Membership, Organization

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
