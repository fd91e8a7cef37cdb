"""Who may do what with personal data's records.

- Anyone reads the privacy notice; a signed-in person manages their own data.
- The breach register: the platform's (site administrators and ministry reviewers) and each
  association's (its administrators) — each sees only its own breaches.
"""

from __future__ import annotations

from joud.organizations.access import active_roles
from joud.organizations.models import Membership
from joud.privacy.models import Breach


def breach_organizations(user):
    """The organizations whose breaches ``user`` keeps, and whether the platform's too."""
    if not getattr(user, "is_authenticated", False):
        return [], False
    platform = bool(user.is_staff or user.is_ministry_reviewer)
    orgs = list(
        Membership.objects.filter(user=user, is_active=True, role="admin").values_list(
            "organization_id", flat=True
        )
    )
    return orgs, platform


def may_keep_breaches(user) -> bool:
    orgs, platform = breach_organizations(user)
    return platform or bool(orgs)


def may_handle_breach(user, breach: Breach) -> bool:
    orgs, platform = breach_organizations(user)
    if breach.organization_id is None:
        return platform
    return breach.organization_id in orgs


__all__ = ["active_roles", "breach_organizations", "may_handle_breach", "may_keep_breaches"]
