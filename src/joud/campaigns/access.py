"""Who may see or do what with initiatives. Views call these; they hold no permission logic.

The organization's pages run inside its scope (``organization_member_required``); drafting,
submitting, ending and reporting are for its administrator, posting news for its whole team.
"""

from __future__ import annotations

from joud.campaigns.models import Initiative
from joud.core.workflow import is_ministry_reviewer
from joud.organizations.access import is_member, organization_member_required
from joud.organizations.models import Membership

team_required = organization_member_required()
admin_required = organization_member_required(Membership.Role.ADMIN)


def is_team_member(user, initiative: Initiative) -> bool:
    return is_member(user, initiative.organization_id)


def may_see_unpublished(user, initiative: Initiative) -> bool:
    """A draft or a refused initiative: its own team and the ministry only."""
    return is_ministry_reviewer(user) or is_team_member(user, initiative)


def is_admin_membership(membership: Membership) -> bool:
    return membership.role == Membership.Role.ADMIN
