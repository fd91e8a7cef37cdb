"""Volunteering's reads: what volunteers see, what coordinators see, badges, leaderboards,
verification. One module per seam; this package re-exports the names other code uses.
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
    certificate_of,
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
    opportunity_public,
    organization_shifts,
    roster,
    shift_public,
)
from joud.volunteering.selectors.people import PersonSummary, person_summary
from joud.volunteering.selectors.signups import application_for_consent, application_of

__all__ = [
    "LEADERBOARD_KINDS",
    "LEVELS",
    "Badge",
    "DonationSummary",
    "PersonSummary",
    "ShiftView",
    "Verification",
    "application_for_consent",
    "application_of",
    "approved_applications",
    "badges_for",
    "certificate_of",
    "certificate_verify",
    "coordinator_overview",
    "donations_summary",
    "leaderboard_groups",
    "leaderboard_people",
    "level_for",
    "open_opportunities",
    "opportunity_public",
    "organization_shifts",
    "person_summary",
    "ramadan_active_days",
    "roster",
    "shift_public",
]
