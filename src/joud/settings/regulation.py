"""Oman's fundraising rules (Ministerial Decision 336/2024) as configurable values.

Read from the environment so the ministry can change a value without a code change.
"""

from decimal import Decimal

import environ

_env = environ.Env()

# An initiative is submitted at least this many calendar days before it starts.
JOUD_SUBMISSION_LEAD_DAYS = _env.int("JOUD_SUBMISSION_LEAD_DAYS", default=15)
# The ministry answers an application within this many working days (Sunday–Thursday).
JOUD_MINISTRY_ANSWER_WORKING_DAYS = _env.int("JOUD_MINISTRY_ANSWER_WORKING_DAYS", default=10)
# The administration share an organization may keep, in percent.
JOUD_ADMIN_SHARE_CAP = Decimal(_env.str("JOUD_ADMIN_SHARE_CAP", default="2.00"))
# The report on a campaign is due within this many working days after it ends.
JOUD_REPORT_DUE_WORKING_DAYS = _env.int("JOUD_REPORT_DUE_WORKING_DAYS", default=15)
# Serve uploaded public media (covers, update photos) from Django itself, as the demo needs.
JOUD_SERVE_MEDIA = _env.bool("JOUD_SERVE_MEDIA", default=True)
# The largest single gift or refund accepted, in rials (a form error above it, never a 500).
JOUD_MAX_DONATION = Decimal(_env.str("JOUD_MAX_DONATION", default="1000000"))
# The largest value of one zakat-calculator field (rials or grams).
JOUD_MAX_ZAKAT_FIELD = Decimal(_env.str("JOUD_MAX_ZAKAT_FIELD", default="1000000000"))
# A disbursement (money paid out of a fund) above this amount, in rials, needs the ministry's
# approval after the organization's own two-person approval.
JOUD_DISBURSEMENT_MINISTRY_THRESHOLD = Decimal(
    _env.str("JOUD_DISBURSEMENT_MINISTRY_THRESHOLD", default="10000")
)
