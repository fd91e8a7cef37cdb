"""Volunteering's reads: what volunteers see, what coordinators see, badges, leaderboards,
verification. One module per seam; this package re-exports the names other code uses.

Reads of one organization's rows (``organization_*``) run inside its scope, which the
coordinator pages' decorator sets; the others say where they read across organizations.
"""

from joud.volunteering.selectors.badges import (
    LEVELS,
    Badge,
    approved_applications,
    badges_for,
    level_for,
    ramadan_active_days,
)
from joud.volunteering.selectors.certificates import (
    Verification,
    certificate_by_code,
    certificate_verify,
)
from joud.volunteering.selectors.giving import DonationSummary, donations_summary
from joud.volunteering.selectors.leaderboards import (
    LEADERBOARD_KINDS,
    leaderboard_groups,
    leaderboard_people,
)
from joud.volunteering.selectors.opportunities import (
    ShiftView,
    coordinator_overview,
    open_opportunities,
    opportunities_everywhere,
    opportunity_public,
    organization_opportunities,
    organization_shifts,
    roster,
    shift_public,
    shifts_of,
)
from joud.volunteering.selectors.people import (
    PersonSummary,
    person_by_code,
    person_summary,
    profile_by_share_code,
    profile_of,
)
from joud.volunteering.selectors.signups import (
    application_for_consent,
    organization_disputes,
    organization_signups,
    signup,
    signups_open_for_attendance,
)

__all__ = [
    "LEADERBOARD_KINDS",
    "LEVELS",
    "Badge",
    "DonationSummary",
    "PersonSummary",
    "ShiftView",
    "Verification",
    "application_for_consent",
    "approved_applications",
    "badges_for",
    "certificate_by_code",
    "certificate_verify",
    "coordinator_overview",
    "donations_summary",
    "leaderboard_groups",
    "leaderboard_people",
    "level_for",
    "open_opportunities",
    "opportunities_everywhere",
    "opportunity_public",
    "organization_disputes",
    "organization_opportunities",
    "organization_shifts",
    "organization_signups",
    "person_by_code",
    "person_summary",
    "profile_by_share_code",
    "profile_of",
    "ramadan_active_days",
    "roster",
    "shift_public",
    "shifts_of",
    "signup",
    "signups_open_for_attendance",
]
