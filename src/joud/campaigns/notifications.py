"""What the final report's calendar and the ministry's review tell the organization (by email,
in Arabic: the organization's contact reads the platform's first language)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from joud.core.notify import EMAIL, Recipient, event, notify

REPORT_REMINDER = event(
    "campaigns.report_reminder",
    subject=gettext_noop("Joud: the final report is due soon"),
    body=gettext_noop(
        "%(title)s (%(code)s): the final report is due on %(due)s, in %(days)s working days."
    ),
    channels=(EMAIL,),
)
REPORT_DUE_TODAY = event(
    "campaigns.report_due_today",
    subject=gettext_noop("Joud: warning, the final report is due today"),
    body=gettext_noop(
        "%(title)s (%(code)s): the final report is due today (%(due)s). A late report stops "
        "new initiatives after %(block)s working days."
    ),
    channels=(EMAIL,),
)
REPORT_BLOCKING = event(
    "campaigns.report_blocking",
    subject=gettext_noop("Joud: new initiatives stopped until the report is sent"),
    body=gettext_noop(
        "%(title)s (%(code)s): the final report is %(days)s working days late. No new "
        "initiative can be submitted until it is sent."
    ),
    channels=(EMAIL,),
)
REPORT_ACCEPTED = event(
    "campaigns.report_accepted",
    subject=gettext_noop("Joud: final report accepted and published"),
    body=gettext_noop(
        "%(title)s (%(code)s): the ministry accepted the final report; it is now published "
        "on the initiative's page."
    ),
    channels=(EMAIL,),
)
REPORT_CHANGES_REQUESTED = event(
    "campaigns.report_changes_requested",
    subject=gettext_noop("Joud: changes requested to the final report"),
    body=gettext_noop(
        "%(title)s (%(code)s): the ministry asks for changes to the final report: %(reason)s"
    ),
    channels=(EMAIL,),
)


def tell_organization(organization, declared, context: dict, *, deferred: bool = True):
    recipient = Recipient(email=organization.contact_email or "", language="ar")
    return notify(
        recipient, declared, {"organization": organization.name_ar, **context}, deferred=deferred
    )
