"""The breach register and its workflow: record, tell the authority within
``JOUD_BREACH_AUTHORITY_HOURS`` (72) of discovery, tell the people affected, close."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.dates import format_moment
from joud.core.errors import BusinessError
from joud.core.notify import Recipient, notify
from joud.privacy.models import Breach
from joud.privacy.notifications import BREACH_AUTHORITY, BREACH_PEOPLE


def authority_deadline(discovered_at: dt.datetime) -> dt.datetime:
    return discovered_at + dt.timedelta(hours=settings.JOUD_BREACH_AUTHORITY_HOURS)


@transaction.atomic
def breach_record(
    *,
    title: str,
    description: str,
    data_affected: str,
    people_affected: int,
    discovered_at: dt.datetime | None = None,
    measures: str = "",
    organization=None,
    recorded_by=None,
    is_drill: bool = False,
) -> Breach:
    title, description = (title or "").strip(), (description or "").strip()
    if not title or not description or not (data_affected or "").strip():
        raise BusinessError(_("Say what happened and which data it touched."), field="title")
    if people_affected is None or people_affected < 0:
        raise BusinessError(_("Give the number of people affected."), field="people_affected")
    now = timezone.now()
    discovered_at = discovered_at or now
    if discovered_at > now:
        raise BusinessError(_("The discovery cannot be in the future."), field="discovered_at")
    breach = Breach.objects.create(
        organization=organization,
        title=title[:200],
        description=description,
        data_affected=data_affected.strip(),
        people_affected=people_affected,
        measures=(measures or "").strip(),
        discovered_at=discovered_at,
        authority_due_at=authority_deadline(discovered_at),
        is_drill=is_drill,
        recorded_by=recorded_by if getattr(recorded_by, "is_authenticated", False) else None,
    )
    audit_log(
        action="joud.breach.recorded",
        actor=recorded_by,
        target=breach,
        data={"people": people_affected, "drill": is_drill},
    )
    return breach


def _context(breach: Breach) -> dict:
    controller = breach.organization.name if breach.organization_id else "Joud"
    return {
        "controller": controller,
        "title": breach.title,
        "description": breach.description,
        "discovered": format_moment(breach.discovered_at, language="ar"),
        "data": breach.data_affected,
        "people": breach.people_affected,
        "measures": breach.measures or "-",
        "contact": settings.DEFAULT_FROM_EMAIL,
    }


@transaction.atomic
def breach_notify_authority(*, breach: Breach, actor=None) -> Breach:
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    if breach.authority_notified_at:
        raise BusinessError(_("The authority has already been told."), code="done")
    # A drill goes through every step, but its notice goes to the platform's own address.
    address = (
        settings.DEFAULT_FROM_EMAIL if breach.is_drill else settings.JOUD_BREACH_AUTHORITY_EMAIL
    )
    if not address:
        raise BusinessError(
            _("No address for the authority is configured (JOUD_BREACH_AUTHORITY_EMAIL)."),
            code="no_authority",
        )
    notify(Recipient(email=address, language="ar"), BREACH_AUTHORITY, _context(breach))
    breach.authority_notified_at = timezone.now()
    breach.save(update_fields=["authority_notified_at"])
    audit_log(
        action="joud.breach.authority_notified",
        actor=actor,
        target=breach,
        data={"late": breach.authority_notified_at > breach.authority_due_at},
    )
    return breach


@transaction.atomic
def breach_notify_people(*, breach: Breach, people, actor=None) -> int:
    """Tell each affected person (users), in their language. A drill tells the people given
    (the drill's own test accounts) exactly as a real breach would."""
    breach = Breach.objects.select_for_update().get(pk=breach.pk)
    sent = 0
    for person in people:
        if notify(Recipient.of_user(person), BREACH_PEOPLE, _context(breach)):
            sent += 1
    breach.people_notified_at = timezone.now()
    breach.people_notified = breach.people_notified + sent
    if breach.authority_notified_at:
        breach.status = Breach.Status.NOTIFIED
    breach.save(update_fields=["people_notified_at", "people_notified", "status"])
    audit_log(action="joud.breach.people_notified", actor=actor, target=breach, data={"sent": sent})
    return sent


def breach_close(*, breach: Breach, measures: str, actor=None) -> Breach:
    if not breach.authority_notified_at:
        raise BusinessError(_("Tell the authority before closing the breach."), code="open")
    breach.measures = (measures or breach.measures).strip()
    breach.status = Breach.Status.CLOSED
    breach.save(update_fields=["measures", "status"])
    audit_log(action="joud.breach.closed", actor=actor, target=breach)
    return breach


def breaches_overdue(now: dt.datetime | None = None):
    """Breaches the authority has not been told of and whose deadline is near (12 hours) or past."""
    now = now or timezone.now()
    return Breach.objects.filter(
        authority_notified_at__isnull=True, authority_due_at__lte=now + dt.timedelta(hours=12)
    )
