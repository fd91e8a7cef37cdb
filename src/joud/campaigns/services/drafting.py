"""Drafting an initiative: the permit rules, the draft, its cover, submitting, ending and the
news posted for donors (the final report is ``reporting``). State changes go through ``initiative_transition``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joud.campaigns.images import COVER_MIN_SIZE, process_image
from joud.campaigns.models import Initiative, InitiativeUpdate
from joud.campaigns.reporting import reports_blocking, working_days_late
from joud.campaigns.services.lifecycle import ORG, initiative_transition
from joud.core.audit import audit_log
from joud.core.dates import format_gregorian
from joud.core.errors import BusinessError
from joud.core.money import format_number, quantize
from joud.organizations.access import require_admin, require_team_member
from joud.organizations.models import Organization

State = Initiative.State


# ---- the permit rules ------------------------------------------------------------------------


def initiative_rule_problems(initiative: Initiative, *, today: dt.date | None = None) -> list[str]:
    """Everything that keeps this initiative from being submitted, in the user's language."""
    today = today or timezone.localdate()
    problems: list[str] = []
    org = initiative.organization
    if org.status != Organization.Status.ACTIVE:
        problems.append(
            gettext("Only a licensed organization can raise funds; individuals never can.")
        )
    for late in reports_blocking(org, today=today):
        problems.append(
            gettext(
                "The final report of “%(title)s” is %(days)s working days late: no new "
                "initiative can be submitted until it is sent."
            )
            % {"title": late.title, "days": format_number(working_days_late(late, today))}
        )
    if not initiative.title_ar.strip():
        problems.append(gettext("Give the initiative an Arabic title."))
    if not initiative.story_ar.strip():
        problems.append(gettext("Tell the initiative's story in Arabic."))
    if not initiative.category:
        problems.append(gettext("Choose a category."))
    if initiative.goal is not None and Decimal(str(initiative.goal)) <= 0:
        problems.append(gettext("The goal must be more than zero, or left empty."))
    share = Decimal(str(initiative.admin_share_percent or 0))
    if share < 0 or share > settings.JOUD_ADMIN_SHARE_CAP:
        problems.append(
            gettext("The administration share can be at most %(cap)s%%.")
            % {"cap": format_number(settings.JOUD_ADMIN_SHARE_CAP)}
        )
    if not initiative.starts_on or not initiative.ends_on:
        problems.append(gettext("Give the start and end dates."))
    else:
        earliest = today + dt.timedelta(days=settings.JOUD_SUBMISSION_LEAD_DAYS)
        if initiative.starts_on < earliest:
            problems.append(
                gettext(
                    "Submit at least %(days)s days before the start: the earliest start "
                    "for a request made today is %(date)s."
                )
                % {
                    "days": format_number(settings.JOUD_SUBMISSION_LEAD_DAYS),
                    "date": format_gregorian(earliest),
                }
            )
        if initiative.ends_on <= initiative.starts_on:
            problems.append(gettext("The end date must come after the start date."))
    return problems


EDITABLE_FIELDS = (
    "title_ar",
    "title_en",
    "summary_ar",
    "summary_en",
    "story_ar",
    "story_en",
    "category",
    "goal",
    "admin_share_percent",
    "starts_on",
    "ends_on",
    "is_urgent",
)


def _clean_values(data: dict) -> dict:
    values = {k: data[k] for k in EDITABLE_FIELDS if k in data}
    if values.get("goal") in ("", None):
        values["goal"] = None
    elif "goal" in values:
        try:
            values["goal"] = quantize(values["goal"])
        except (TypeError, ValueError, InvalidOperation):
            raise BusinessError(_("Enter the goal as an amount in rials."), field="goal") from None
    share = values.get("admin_share_percent")
    if share is not None and (share < 0 or share > settings.JOUD_ADMIN_SHARE_CAP):
        raise BusinessError(
            gettext("The administration share can be at most %(cap)s%%.")
            % {"cap": format_number(settings.JOUD_ADMIN_SHARE_CAP)},
            field="admin_share_percent",
        )
    return values


def _processed_cover(upload):
    """The cover checked and re-encoded; a refusal names the cover field, so the form shows it
    beside the file input."""
    try:
        return process_image(upload, min_size=COVER_MIN_SIZE)
    except BusinessError as exc:
        raise BusinessError(exc.message, code=exc.code, field="cover") from None


def initiative_create(
    *, organization: Organization, actor, data: dict, target_wilayats=(), cover=None
) -> Initiative:
    """A new draft. Only an organization's administrator can prepare one; a person alone cannot."""
    require_admin(actor, organization)
    if organization.status in (Organization.Status.SUSPENDED, Organization.Status.REJECTED):
        raise BusinessError(_("A suspended or rejected organization cannot prepare initiatives."))
    with transaction.atomic():
        initiative = Initiative(organization=organization, state=State.DRAFT, **_clean_values(data))
        if cover:
            image = _processed_cover(cover)
            initiative.cover_image.save(image.name, image, save=False)
        initiative.save()
        if target_wilayats:
            initiative.target_wilayats.set(target_wilayats)
        audit_log(
            action="joud.initiative.created",
            actor=actor,
            target=initiative,
            data={"code": initiative.public_code},
        )
    return initiative


def initiative_edit(
    *, initiative: Initiative, actor, data: dict, target_wilayats=None, cover=None
) -> Initiative:
    """Change a draft (a new one, or one the ministry sent back for changes)."""
    require_admin(actor, initiative.organization)
    if initiative.state != State.DRAFT:
        raise BusinessError(_("Only a draft can be changed; this initiative is already submitted."))
    with transaction.atomic():
        for field, value in _clean_values(data).items():
            setattr(initiative, field, value)
        if cover:
            image = _processed_cover(cover)
            initiative.cover_image.save(image.name, image, save=False)
        initiative.save()
        if target_wilayats is not None:
            initiative.target_wilayats.set(target_wilayats)
        audit_log(
            action="joud.initiative.edited",
            actor=actor,
            target=initiative,
            data={"fields": sorted(data)},
        )
    return initiative


def initiative_set_cover(*, initiative: Initiative, actor, upload) -> Initiative:
    require_admin(actor, initiative.organization)
    if initiative.state not in (State.DRAFT, State.APPROVED, State.LIVE):
        raise BusinessError(_("The cover can no longer be changed."))
    image = _processed_cover(upload)
    with transaction.atomic():
        initiative.cover_image.save(image.name, image, save=False)
        initiative.save(update_fields=["cover_image", "updated_at"])
        audit_log(action="joud.initiative.cover_changed", actor=actor, target=initiative)
    return initiative


def initiative_submit(*, initiative: Initiative, actor, today: dt.date | None = None) -> Initiative:
    """Ask the ministry for a fundraising permit: every rule is checked first."""
    require_admin(actor, initiative.organization)
    initiative.refresh_from_db()  # the rules judge what is stored, not an edited copy
    initiative.organization.refresh_from_db()
    problems = initiative_rule_problems(initiative, today=today)
    if problems:
        raise BusinessError(" ".join(problems), code="rules")
    return initiative_transition(
        initiative=initiative, to=State.SUBMITTED, by=ORG, actor=actor, today=today
    )


def initiative_end_early(*, initiative: Initiative, actor, reason: str = "") -> Initiative:
    require_admin(actor, initiative.organization)
    return initiative_transition(
        initiative=initiative, to=State.ENDED, by=ORG, actor=actor, reason=reason
    )


def initiative_post_update(
    *, initiative: Initiative, actor, body_ar: str, body_en: str = "", photo=None
) -> InitiativeUpdate:
    """News for donors during (or after) the campaign, with an optional photo."""
    require_team_member(actor, initiative.organization)
    if initiative.state not in (State.APPROVED, State.LIVE, State.ENDED, State.REPORTED):
        raise BusinessError(_("Updates can be posted once the initiative is approved."))
    if not (body_ar or "").strip():
        raise BusinessError(_("Write the update in Arabic."), field="body_ar")
    image = process_image(photo) if photo else None
    with transaction.atomic():
        update = InitiativeUpdate(
            organization=initiative.organization,
            initiative=initiative,
            body_ar=body_ar.strip(),
            body_en=(body_en or "").strip(),
            posted_by=actor,
        )
        if image is not None:
            update.photo.save(image.name, image, save=False)
        update.save()
        audit_log(
            action="joud.initiative.update_posted",
            actor=actor,
            target=initiative,
            data={"update": update.pk, "photo": bool(image)},
        )
    return update
