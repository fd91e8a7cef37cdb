"""What the ministry's decisions tell the organization (by email, in Arabic: the organization's
contact reads the platform's first language)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from joud.core.notify import EMAIL, Recipient, event, notify

LICENCE_APPROVED = event(
    "ministry.licence_approved",
    subject=gettext_noop("Joud: licence approved"),
    body=gettext_noop("%(organization)s: the ministry approved your licence."),
    channels=(EMAIL,),
)
APPLICATION_REJECTED = event(
    "ministry.application_rejected",
    subject=gettext_noop("Joud: licence application rejected"),
    body=gettext_noop(
        "%(organization)s: the ministry rejected your licence application. Reason: %(reason)s"
    ),
    channels=(EMAIL,),
)
APPLICATION_CHANGES_REQUESTED = event(
    "ministry.application_changes_requested",
    subject=gettext_noop("Joud: changes requested to your application"),
    body=gettext_noop(
        "%(organization)s: the ministry asks for changes to your licence application: %(reason)s"
    ),
    channels=(EMAIL,),
)
ORGANIZATION_WARNED = event(
    "ministry.organization_warned",
    subject=gettext_noop("Joud: warning from the ministry"),
    body=gettext_noop("%(organization)s: the ministry issued a warning. Reason: %(reason)s"),
    channels=(EMAIL,),
)
LICENCE_SUSPENDED = event(
    "ministry.licence_suspended",
    subject=gettext_noop("Joud: licence suspended"),
    body=gettext_noop("%(organization)s: the ministry suspended your licence. Reason: %(reason)s"),
    channels=(EMAIL,),
)
INITIATIVE_APPROVED = event(
    "ministry.initiative_approved",
    subject=gettext_noop("Joud: initiative approved"),
    body=gettext_noop("%(title)s (%(code)s): the ministry granted the fundraising permit."),
    channels=(EMAIL,),
)
INITIATIVE_REJECTED = event(
    "ministry.initiative_rejected",
    subject=gettext_noop("Joud: initiative rejected"),
    body=gettext_noop("%(title)s (%(code)s): the ministry rejected it. Reason: %(reason)s"),
    channels=(EMAIL,),
)
INITIATIVE_CHANGES_REQUESTED = event(
    "ministry.initiative_changes_requested",
    subject=gettext_noop("Joud: changes requested"),
    body=gettext_noop("%(title)s (%(code)s): the ministry asks for changes: %(reason)s"),
    channels=(EMAIL,),
)


def tell_organization(organization, declared, context: dict) -> None:
    """Email the organization's contact, in Arabic, once the decision is committed."""
    recipient = Recipient(email=organization.contact_email or "", language="ar")
    notify(recipient, declared, {"organization": organization.name_ar, **context})
