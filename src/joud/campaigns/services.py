"""Initiatives' writes: drafting, the permit rules, and the one place their state changes.

``initiative_transition`` holds the allowed-transitions table. The organization drafts, submits,
ends early and reports; the scheduler starts and ends campaigns on their dates; the ministry's
decisions (approve, reject, ask for changes, suspend, reinstate, close) live in
``joud.ministry.services`` and are the only callers for those transitions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joud.campaigns.images import process_image
from joud.campaigns.models import Initiative, InitiativeUpdate
from joud.core.audit import audit_log
from joud.core.dates import add_working_days, format_gregorian
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.money import format_number, quantize
from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Membership, Organization
from joud.organizations.services import ActorKind

State = Initiative.State
ORG, MINISTRY, SYSTEM = ActorKind.ORGANIZATION, ActorKind.MINISTRY, ActorKind.SYSTEM


@dataclass(frozen=True)
class Transition:
    verb: str  # the audit action is joud.initiative.<verb>
    by: frozenset[ActorKind]
    needs_reason: bool = False


def _t(verb: str, *by: ActorKind, reason: bool = False) -> Transition:
    return Transition(verb=verb, by=frozenset(by), needs_reason=reason)


INITIATIVE_TRANSITIONS: dict[tuple[str, str], Transition] = {
    (State.DRAFT, State.SUBMITTED): _t("submitted", ORG),
    (State.SUBMITTED, State.APPROVED): _t("approved", MINISTRY),
    (State.SUBMITTED, State.REJECTED): _t("rejected", MINISTRY, reason=True),
    (State.SUBMITTED, State.DRAFT): _t("changes_requested", MINISTRY, reason=True),
    (State.APPROVED, State.LIVE): _t("started", SYSTEM),
    (State.APPROVED, State.SUSPENDED): _t("suspended", MINISTRY, reason=True),
    (State.LIVE, State.ENDED): _t("ended", SYSTEM, ORG),
    (State.LIVE, State.SUSPENDED): _t("suspended", MINISTRY, reason=True),
    (State.ENDED, State.REPORTED): _t("reported", ORG),
    (State.REPORTED, State.CLOSED): _t("closed", MINISTRY),
    (State.REPORTED, State.ENDED): _t("report_returned", MINISTRY, reason=True),
    (State.SUSPENDED, State.APPROVED): _t("reinstated", MINISTRY, reason=True),
    (State.SUSPENDED, State.LIVE): _t("reinstated", MINISTRY, reason=True),
    (State.SUSPENDED, State.ENDED): _t("reinstated", MINISTRY, reason=True),
}


def initiative_transition(
    *,
    initiative: Initiative,
    to: str,
    by: ActorKind,
    actor=None,
    reason: str = "",
    data: dict | None = None,
    today: dt.date | None = None,
) -> Initiative:
    """Move ``initiative`` to ``to`` if the table allows it for ``by``; audit it with the reason."""
    reason = (reason or "").strip()
    today = today or timezone.localdate()
    with transaction.atomic():
        item = (
            Initiative.unscoped.select_for_update()
            .select_related("organization")
            .get(pk=initiative.pk)
        )
        transition = INITIATIVE_TRANSITIONS.get((item.state, to))
        if transition is None:
            raise BusinessError(
                gettext("An initiative cannot go from “%(from)s” to “%(to)s”.")
                % {"from": State(item.state).label, "to": State(to).label},
                code="transition_not_allowed",
            )
        if by not in transition.by:
            raise PermissionDeniedError(_("You are not allowed to take this step."))
        if by == MINISTRY and not getattr(actor, "is_ministry_reviewer", False):
            raise PermissionDeniedError(_("Only a ministry reviewer can take this decision."))
        if transition.needs_reason and not reason:
            raise BusinessError(_("Give the reason for this decision."), field="reason")
        previous = item.state
        now = timezone.now()
        item.state = to
        if to == State.SUBMITTED:
            item.submitted_at = now
            item.answer_due_on = add_working_days(today, settings.JOUD_MINISTRY_ANSWER_WORKING_DAYS)
            item.state_reason = ""
        if previous == State.SUBMITTED:
            item.decided_at = now  # answer_due_on is kept: it shows whether we answered in time
        if by == MINISTRY:
            item.state_reason = reason
        if to == State.SUSPENDED:
            item.state_before_suspension = previous
        if previous == State.SUSPENDED:
            item.state_before_suspension = ""
        if to == State.ENDED and previous in (State.LIVE, State.SUSPENDED):
            item.ended_at = now
            end = min(item.ends_on or today, today)
            item.report_due_on = add_working_days(end, settings.JOUD_REPORT_DUE_WORKING_DAYS)
        if to == State.REPORTED:
            item.reported_at = now
            item.report_text = (data or {}).get("report_text", item.report_text)
        item.save()
        audit_log(
            action=f"joud.initiative.{transition.verb}",
            actor=actor,
            target=item,
            data={
                "from": previous,
                "to": to,
                "reason": reason,
                "code": item.public_code,
                **{k: v for k, v in (data or {}).items() if k != "report_text"},
            },
        )
    if to in (State.ENDED, State.REPORTED, State.CLOSED) or previous == State.REPORTED:
        from joud.organizations.services import organization_refresh_overdue_flag

        organization_refresh_overdue_flag(organization=item.organization, today=today)
    return item


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


def _require_org_admin(user, organization: Organization) -> None:
    if (
        not getattr(user, "is_authenticated", False)
        or not Membership.objects.filter(
            user=user,
            organization=organization,
            role=Membership.Role.ADMIN,
            is_active=True,
        ).exists()
    ):
        raise PermissionDeniedError(_("Only the organization's administrator can do this."))


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


def initiative_create(
    *, organization: Organization, actor, data: dict, target_wilayats=(), cover=None
) -> Initiative:
    """A new draft. Only an organization's administrator can prepare one; a person alone cannot."""
    _require_org_admin(actor, organization)
    if organization.status in (Organization.Status.SUSPENDED, Organization.Status.REJECTED):
        raise BusinessError(_("A suspended or rejected organization cannot prepare initiatives."))
    with transaction.atomic():
        initiative = Initiative(organization=organization, state=State.DRAFT, **_clean_values(data))
        if cover:
            image = process_image(cover)
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
    _require_org_admin(actor, initiative.organization)
    if initiative.state != State.DRAFT:
        raise BusinessError(_("Only a draft can be changed; this initiative is already submitted."))
    with transaction.atomic():
        for field, value in _clean_values(data).items():
            setattr(initiative, field, value)
        if cover:
            image = process_image(cover)
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
    _require_org_admin(actor, initiative.organization)
    if initiative.state not in (State.DRAFT, State.APPROVED, State.LIVE):
        raise BusinessError(_("The cover can no longer be changed."))
    image = process_image(upload)
    with transaction.atomic():
        initiative.cover_image.save(image.name, image, save=False)
        initiative.save(update_fields=["cover_image", "updated_at"])
        audit_log(action="joud.initiative.cover_changed", actor=actor, target=initiative)
    return initiative


def initiative_submit(*, initiative: Initiative, actor, today: dt.date | None = None) -> Initiative:
    """Ask the ministry for a fundraising permit: every rule is checked first."""
    _require_org_admin(actor, initiative.organization)
    initiative.refresh_from_db()  # the rules judge what is stored, not an edited copy
    initiative.organization.refresh_from_db()
    problems = initiative_rule_problems(initiative, today=today)
    if problems:
        raise BusinessError(" ".join(problems), code="rules")
    return initiative_transition(
        initiative=initiative, to=State.SUBMITTED, by=ORG, actor=actor, today=today
    )


def initiative_end_early(*, initiative: Initiative, actor, reason: str = "") -> Initiative:
    _require_org_admin(actor, initiative.organization)
    return initiative_transition(
        initiative=initiative, to=State.ENDED, by=ORG, actor=actor, reason=reason
    )


def initiative_submit_report(*, initiative: Initiative, actor, report_text: str) -> Initiative:
    """The report on what was raised and spent, due within the working days after the end."""
    _require_org_admin(actor, initiative.organization)
    if len((report_text or "").strip()) < 20:
        raise BusinessError(
            _("Write the report: what was raised, spent and achieved."), field="report_text"
        )
    return initiative_transition(
        initiative=initiative,
        to=State.REPORTED,
        by=ORG,
        actor=actor,
        data={"report_text": report_text.strip()},
    )


def initiative_post_update(
    *, initiative: Initiative, actor, body_ar: str, body_en: str = "", photo=None
) -> InitiativeUpdate:
    """News for donors during (or after) the campaign, with an optional photo."""
    if (
        not getattr(actor, "is_authenticated", False)
        or not Membership.objects.filter(
            user=actor, organization=initiative.organization, is_active=True
        ).exists()
    ):
        raise PermissionDeniedError(_("Only the organization's team can post updates."))
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


# ---- the calendar: run by the periodic task -----------------------------------------------------


def initiatives_advance(*, today: dt.date | None = None) -> dict[str, int]:
    """Start approved campaigns on their start date, end live ones after their end date, flag
    overdue reports. Idempotent: safe to run as often as the scheduler likes."""
    today = today or timezone.localdate()
    counts = {"started": 0, "ended": 0, "reports_overdue": 0}
    with scopes_disabled():
        to_start = list(
            Initiative.objects.filter(state=State.APPROVED, starts_on__lte=today).values_list(
                "pk", flat=True
            )
        )
        for pk in to_start:
            initiative_transition(
                initiative=Initiative(pk=pk), to=State.LIVE, by=SYSTEM, today=today
            )
            counts["started"] += 1
        to_end = list(
            Initiative.objects.filter(state=State.LIVE, ends_on__lt=today).values_list(
                "pk", flat=True
            )
        )
        for pk in to_end:
            initiative_transition(
                initiative=Initiative(pk=pk), to=State.ENDED, by=SYSTEM, today=today
            )
            counts["ended"] += 1
        overdue = list(
            Initiative.objects.filter(
                state=State.ENDED, report_due_on__lt=today, report_overdue_flagged_at__isnull=True
            ).select_related("organization")
        )
        for item in overdue:
            with transaction.atomic():
                Initiative.unscoped.filter(pk=item.pk).update(
                    report_overdue_flagged_at=timezone.now()
                )
                audit_log(
                    action="joud.initiative.report_overdue",
                    target=item,
                    data={"code": item.public_code, "due": item.report_due_on},
                )
            counts["reports_overdue"] += 1
        from joud.organizations.services import organization_refresh_overdue_flag

        flagged = Organization.objects.filter(has_overdue_report=True)
        ids = {i.organization_id for i in overdue} | set(flagged.values_list("pk", flat=True))
        for org in Organization.objects.filter(pk__in=ids):
            organization_refresh_overdue_flag(organization=org, today=today)
    return counts
