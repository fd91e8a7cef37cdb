"""Volunteering's writes: every state change in one transaction, audited, raising BusinessError.

One module per seam: ``opportunities`` (opportunities and shifts), ``profiles``, ``signups``
with ``waitlist`` and ``consent``, ``attendance``, ``hours`` (approval and disputes),
``messages`` (coordinators' notes and reminders) and ``certificates``. Messages to people
leave only after the transaction commits.
"""

from joud.volunteering.services.attendance import (
    CHECK_IN_OPENS_BEFORE,
    CHECK_OUT_GRACE,
    MIN_MINUTES_BEFORE_CHECK_OUT,
    application_for_site,
    attendance_record,
    check_can_record,
    check_window,
    shift_for_site_token,
)
from joud.volunteering.services.certificates import certificate_issue
from joud.volunteering.services.consent import consent_decide
from joud.volunteering.services.hours import (
    MAX_MINUTES,
    dispute_resolve,
    hours_approve,
    hours_dispute,
)
from joud.volunteering.services.messages import AUDIENCES, shift_reminders_send, volunteers_message
from joud.volunteering.services.opportunities import (
    opportunity_create,
    opportunity_set_status,
    shift_create,
    shift_rotate_site_code,
    shift_set_capacity,
)
from joud.volunteering.services.profiles import profile_save
from joud.volunteering.services.signups import application_cancel, shift_apply

__all__ = [
    "AUDIENCES",
    "CHECK_IN_OPENS_BEFORE",
    "CHECK_OUT_GRACE",
    "MAX_MINUTES",
    "MIN_MINUTES_BEFORE_CHECK_OUT",
    "application_cancel",
    "application_for_site",
    "attendance_record",
    "certificate_issue",
    "check_can_record",
    "check_window",
    "consent_decide",
    "dispute_resolve",
    "hours_approve",
    "hours_dispute",
    "opportunity_create",
    "opportunity_set_status",
    "profile_save",
    "shift_apply",
    "shift_create",
    "shift_for_site_token",
    "shift_reminders_send",
    "shift_rotate_site_code",
    "shift_set_capacity",
    "volunteers_message",
]
