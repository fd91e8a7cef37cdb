"""Who may see which insights page.

- The national dashboard and the priorities map: ministry reviewers.
- An organization's dashboard (aggregates only): any active member of that organization.
- Its donors page (names and contacts of people to act on): its administrators and finance
  officers, who already see its donations.
"""

from __future__ import annotations

from joud.accounts.permissions import ministry_required
from joud.organizations.access import organization_member_required
from joud.organizations.models import Membership

DONOR_ROLES = (Membership.Role.ADMIN, Membership.Role.FINANCE)

ministry_only = ministry_required
organization_staff = organization_member_required()
donor_officers = organization_member_required(*DONOR_ROLES)


def may_see_donors(membership) -> bool:
    return membership is not None and membership.role in DONOR_ROLES
