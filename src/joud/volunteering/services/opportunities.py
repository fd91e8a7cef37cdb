"""Opportunities and their shifts: what coordinators create, publish and resize."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import organization_scope
from joud.volunteering.models import Application, Opportunity, Shift, Skill, new_nonce
from joud.volunteering.services.waitlist import promote_waitlisted


def opportunity_create(*, organization, actor, **fields) -> Opportunity:
    skills = [s for s in fields.pop("skills", []) if s in Skill.values]
    with transaction.atomic(), organization_scope(organization):
        if fields["ends_on"] < fields["starts_on"]:
            raise BusinessError(_("The last day cannot be before the first day."), field="ends_on")
        opportunity = Opportunity.objects.create(organization=organization, skills=skills, **fields)
        audit_log(
            action="joud.volunteering.opportunity_created",
            actor=actor,
            target=opportunity,
            data={"title": opportunity.title_ar},
        )
    return opportunity


def opportunity_set_status(*, opportunity: Opportunity, status: str, actor) -> Opportunity:
    if status not in Opportunity.Status.values:
        raise BusinessError(_("Unknown status."))
    with transaction.atomic(), organization_scope(opportunity.organization_id):
        opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if status == Opportunity.Status.PUBLISHED and not opportunity.organization.is_licensed:
            raise BusinessError(
                _("Your organization can publish opportunities once the ministry licenses it.")
            )
        if status == Opportunity.Status.PUBLISHED and not opportunity.shifts.exists():
            raise BusinessError(_("Add at least one shift before publishing."))
        old = opportunity.status
        opportunity.status = status
        opportunity.save(update_fields=["status", "updated_at"])
        audit_log(
            action="joud.volunteering.opportunity_status",
            actor=actor,
            target=opportunity,
            data={"from": old, "to": status},
        )
    return opportunity


def shift_create(
    *, opportunity: Opportunity, actor, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int
) -> Shift:
    if ends_at <= starts_at:
        raise BusinessError(_("A shift must end after it starts."), field="ends_at")
    if capacity < 1:
        raise BusinessError(_("A shift needs at least one place."), field="capacity")
    day = timezone.localtime(starts_at).date()
    if not (opportunity.starts_on <= day <= opportunity.ends_on):
        raise BusinessError(
            _("The shift must fall between the opportunity's first and last day."),
            field="starts_at",
        )
    with transaction.atomic(), organization_scope(opportunity.organization_id):
        shift = Shift.objects.create(
            organization_id=opportunity.organization_id,
            opportunity=opportunity,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
        )
        audit_log(
            action="joud.volunteering.shift_created",
            actor=actor,
            target=shift,
            data={"starts_at": starts_at, "capacity": capacity},
        )
    return shift


def shift_set_capacity(*, shift: Shift, capacity: int, actor) -> Shift:
    if capacity < 1:
        raise BusinessError(_("A shift needs at least one place."), field="capacity")
    with transaction.atomic(), organization_scope(shift.organization_id):
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        accepted = shift.applications.filter(status=Application.Status.ACCEPTED).count()
        if capacity < accepted:
            raise BusinessError(
                _(
                    "%(n)s volunteers are already accepted: cancel some sign-ups before "
                    "lowering the places below that."
                )
                % {"n": accepted},
                field="capacity",
            )
        old = shift.capacity
        shift.capacity = capacity
        shift.save(update_fields=["capacity", "updated_at"])
        promoted = promote_waitlisted(shift)
        audit_log(
            action="joud.volunteering.shift_capacity",
            actor=actor,
            target=shift,
            data={"from": old, "to": capacity, "promoted": [a.pk for a in promoted]},
        )
    return shift


def shift_rotate_site_code(*, shift: Shift, actor) -> Shift:
    """Retire every printed or photographed code of this shift."""
    with transaction.atomic(), organization_scope(shift.organization_id):
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        shift.site_nonce = new_nonce()
        shift.save(update_fields=["site_nonce", "updated_at"])
        audit_log(action="joud.volunteering.site_code_rotated", actor=actor, target=shift)
    return shift
