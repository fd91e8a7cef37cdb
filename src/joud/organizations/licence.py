"""Licence expiry: an organization's licence lapses the day after its end date (Oman's date,
``Organization.licence_expired``), which stops new donations through ``is_licensed`` exactly as
a suspension does; its administrators are reminded 30 and 7 days before."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from joud.core.audit import audit_log
from joud.core.notify import Recipient, notify
from joud.organizations.models import LicenceReminder, Membership, Organization
from joud.organizations.notifications import LICENCE_EXPIRING

# How many days before the licence's end date each reminder goes (the nearest one due is sent;
# a licence granted 5 days before its end gets only the 7-day reminder).
REMINDER_DAYS = (30, 7)


def _recipients(organization: Organization) -> list[Recipient]:
    admins = Membership.objects.filter(
        organization=organization, role=Membership.Role.ADMIN, is_active=True
    ).select_related("user")
    recipients = [Recipient.of_user(m.user) for m in admins]
    if organization.contact_email and all(
        r.email != organization.contact_email for r in recipients
    ):
        recipients.append(Recipient(email=organization.contact_email, language="ar"))
    return recipients


def licence_reminder_due(organization: Organization, today: dt.date) -> int | None:
    """The reminder (days before) due today for ``organization``, or None."""
    expires = organization.licence_expires_on
    if organization.status != Organization.Status.ACTIVE or expires is None or expires < today:
        return None
    remaining = (expires - today).days
    due = [days for days in REMINDER_DAYS if remaining <= days]
    return min(due) if due else None


def licence_reminders_send(*, today: dt.date | None = None) -> int:
    """Send every licence reminder that is due and not yet sent; returns how many organizations
    were reminded. Safe to run as often as wanted, by several workers at once: each reminder
    is claimed by its unique row before its messages are queued."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    candidates = Organization.objects.filter(
        status=Organization.Status.ACTIVE,
        licence_expires_on__gte=today,
        licence_expires_on__lte=horizon,
    )
    sent = 0
    for organization in candidates:
        days = licence_reminder_due(organization, today)
        if days is None:
            continue
        with transaction.atomic():
            # A nearer reminder already sent covers this one (the job ran late, or twice).
            if LicenceReminder.objects.filter(
                organization=organization,
                expires_on=organization.licence_expires_on,
                days_before__lte=days,
            ).exists():
                continue
            _reminder, created = LicenceReminder.objects.get_or_create(
                organization=organization,
                expires_on=organization.licence_expires_on,
                days_before=days,
            )
            if not created:
                continue
            context = {
                "name_ar": organization.name_ar,
                "name_en": organization.name_en,
                "days": (organization.licence_expires_on - today).days,
                "expires_on": organization.licence_expires_on,
            }
            for recipient in _recipients(organization):
                notify(recipient, LICENCE_EXPIRING, context)
            audit_log(
                action="joud.organization.licence_reminder_sent",
                target=organization,
                data={
                    "expires_on": organization.licence_expires_on.isoformat(),
                    "days_before": days,
                },
            )
            sent += 1
    return sent
