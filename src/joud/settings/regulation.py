"""Oman's fundraising rules (Ministerial Decision 336/2024) as configurable values.

Read from the environment so the ministry can change a value without a code change.
"""

import datetime as _dt
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

# Public holidays: not working days for any deadline counted in working days (ISO dates,
# comma-separated in the environment; the Sunday–Thursday week is in joud.core.dates).
JOUD_PUBLIC_HOLIDAYS = [
    _dt.date.fromisoformat(day.strip())
    for day in _env.list("JOUD_PUBLIC_HOLIDAYS", default=[])
    if day.strip()
]
# The final report's escalation, in working days: a reminder this many days before it is due,
# a warning on the day, and no new initiative may be submitted while a report is this late.
JOUD_REPORT_REMINDER_WORKING_DAYS = _env.int("JOUD_REPORT_REMINDER_WORKING_DAYS", default=5)
JOUD_REPORT_BLOCK_WORKING_DAYS = _env.int("JOUD_REPORT_BLOCK_WORKING_DAYS", default=10)
# At most this many photos in a final report.
JOUD_REPORT_MAX_PHOTOS = _env.int("JOUD_REPORT_MAX_PHOTOS", default=6)
# The ministry answers a complaint within this many working days.
JOUD_COMPLAINT_ANSWER_WORKING_DAYS = _env.int("JOUD_COMPLAINT_ANSWER_WORKING_DAYS", default=5)
# Complaints accepted from one address per hour (counted on the shared cache).
JOUD_COMPLAINTS_PER_HOUR = _env.int("JOUD_COMPLAINTS_PER_HOUR", default=5)
# The open data's identifier prefix as 360Giving registers it for the publisher ("360G-…").
JOUD_OPEN_DATA_PREFIX = _env.str("JOUD_OPEN_DATA_PREFIX", default="")

# Zakat al-fitr is due before the Eid al-Fitr prayer: collection closes on 1 Shawwal (Oman's
# announced date) at this local time in Asia/Muscat ("HH:MM"); distributions recorded after it
# are flagged late. Reminders go out on Ramadan's last this-many days.
JOUD_FITR_CLOSE_TIME = _dt.time.fromisoformat(_env.str("JOUD_FITR_CLOSE_TIME", default="06:30"))
JOUD_FITR_REMINDER_DAYS = _env.int("JOUD_FITR_REMINDER_DAYS", default=3)
