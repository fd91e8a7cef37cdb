"""The institutional performance scorecard's weights and thresholds: the ONE table.

Each indicator's weight is the points it carries in the 0–100 score (they need not add up to
100: the score is the weighted share of the points the organization could earn). Override any
weight from the environment, e.g. ``JOUD_SCORECARD_WEIGHTS="complaints=10,profile=2"``.
"""

from decimal import Decimal

import environ

_env = environ.Env()

_DEFAULT_WEIGHTS = {
    # compliance
    "licence": 10,
    "reports_on_time": 10,
    "sanctions": 8,
    "complaints": 7,
    # stewardship
    "admin_share": 6,
    "cost_to_raise": 6,
    "days_to_disburse": 6,
    "idle_money": 6,
    "zakat_in_year": 6,
    # transparency
    "evidence": 8,
    "reports_published": 7,
    "profile": 5,
    # reach
    "beneficiaries": 2,
    "volunteer_hours": 2,
    "donor_retention": 3,
    # responsiveness
    "change_requests": 4,
    "case_decisions": 4,
}
JOUD_SCORECARD_WEIGHTS = {
    **_DEFAULT_WEIGHTS,
    **{k: int(v) for k, v in _env.dict("JOUD_SCORECARD_WEIGHTS", default={}).items()},
}
# Too little data: the indicators that can be measured must carry at least this share of the
# weights, or the organization is shown "not enough data yet" instead of a score.
JOUD_SCORECARD_MIN_COVERAGE = Decimal(_env.str("JOUD_SCORECARD_MIN_COVERAGE", default="0.50"))
# The money indicators are measured once the organization has this many gifts in 12 months.
JOUD_SCORECARD_MIN_GIFTS = _env.int("JOUD_SCORECARD_MIN_GIFTS", default=5)
# Donor retention is measured once this many donors gave in the year before last.
JOUD_SCORECARD_MIN_DONORS = _env.int("JOUD_SCORECARD_MIN_DONORS", default=5)
# Points lost per warning / suspension / upheld complaint in the last 12 months (share of 1).
JOUD_SCORECARD_WARNING_PENALTY = Decimal(_env.str("JOUD_SCORECARD_WARNING_PENALTY", default="0.5"))
JOUD_SCORECARD_SUSPENSION_PENALTY = Decimal(
    _env.str("JOUD_SCORECARD_SUSPENSION_PENALTY", default="1")
)
JOUD_SCORECARD_COMPLAINT_PENALTY = Decimal(
    _env.str("JOUD_SCORECARD_COMPLAINT_PENALTY", default="0.5")
)
# Where an indicator reaches zero: cost to raise one rial (share), days from gift to payment,
# working days to answer a change request, days to decide a case.
JOUD_SCORECARD_COST_CEILING = Decimal(_env.str("JOUD_SCORECARD_COST_CEILING", default="0.10"))
JOUD_SCORECARD_DISBURSE_CEILING_DAYS = _env.int("JOUD_SCORECARD_DISBURSE_CEILING_DAYS", default=180)
JOUD_SCORECARD_ANSWER_CEILING_DAYS = _env.int("JOUD_SCORECARD_ANSWER_CEILING_DAYS", default=10)
JOUD_SCORECARD_CASE_CEILING_DAYS = _env.int("JOUD_SCORECARD_CASE_CEILING_DAYS", default=30)
# Money held longer than this many days counts as idle.
JOUD_SCORECARD_IDLE_DAYS = _env.int("JOUD_SCORECARD_IDLE_DAYS", default=90)
# Reach earns its full points at these yearly figures.
JOUD_SCORECARD_REACH_PEOPLE = _env.int("JOUD_SCORECARD_REACH_PEOPLE", default=200)
JOUD_SCORECARD_REACH_HOURS = _env.int("JOUD_SCORECARD_REACH_HOURS", default=500)
