"""Who may see or do what in volunteering. Views and services ask here; they hold no role logic."""

from __future__ import annotations

COORDINATOR_ROLES = ("coordinator", "admin")


def is_coordinator(user, organization_id) -> bool:
    """An active coordinator (or admin) of the organization."""
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(
        organization_id=organization_id, is_active=True, role__in=COORDINATOR_ROLES
    ).exists()
