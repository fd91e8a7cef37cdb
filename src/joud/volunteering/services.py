"""Volunteering: every state change, each in one transaction, audited, raising BusinessError.

Sign-ups lock the shift row (``select_for_update``) before counting accepted places, so however
many people press "volunteer" at once, exactly ``capacity`` are accepted and the rest queue.
Messages to people leave only after the transaction commits (``transaction.on_commit``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone
from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError
from joud.core.tasks import send_email_task, send_sms_task
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.volunteering import tokens
from joud.volunteering.models import (
    ADULT_AGE,
    Application,
    Availability,
    Certificate,
    HoursDispute,
    Opportunity,
    Shift,
    Skill,
    Visibility,
    VolunteerProfile,
)

CHECK_IN_OPENS_BEFORE = dt.timedelta(minutes=60)
CHECK_OUT_GRACE = dt.timedelta(hours=3)
MIN_MINUTES_BEFORE_CHECK_OUT = 5
MAX_MINUTES = 24 * 60


# Messages -----------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _local(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local.date(), 'SHORT_DATE_FORMAT')} {time_format(local.time(), 'H:i')}"


def notify(user, *, subject, body) -> None:
    """SMS and/or email to ``user`` in their language, once the transaction has committed.

    ``subject`` and ``body`` are callables returning text, so they are rendered in the
    recipient's language rather than the actor's.
    """
    language = getattr(user, "language", None) or "ar"
    with translation.override(language):
        subject_text, body_text = str(subject()), str(body())
    if user.phone:
        queue_sms(to=user.phone, body=body_text)
    if user.email:
        queue_email(to=user.email, subject=subject_text, body=body_text)


def queue_sms(*, to: str, body: str) -> None:
    """Send in the background once the transaction commits: nothing leaves for rolled-back work."""
    transaction.on_commit(lambda: send_sms_task.enqueue(to=to, body=body))


def queue_email(*, to: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_email_task.enqueue(to=to, subject=subject, body=body))


def _shift_label(shift: Shift) -> str:
    return f"«{shift.opportunity.title}» {_local(shift.starts_at)}"


def _notify_promoted(application: Application) -> None:
    shift = application.shift
    notify(
        application.volunteer,
        subject=lambda: gettext("A place opened for you"),
        body=lambda: (
            gettext(
                "Good news: a place opened and you are now accepted for %(shift)s. "
                "If you cannot come, please cancel so the next person can take it."
            )
            % {"shift": _shift_label(shift)}
        ),
    )


# Opportunities and shifts (coordinators) ----------------------------------------------------


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
        promoted = _promote_waitlisted(shift)
        audit_log(
            action="joud.volunteering.shift_capacity",
            actor=actor,
            target=shift,
            data={"from": old, "to": capacity, "promoted": [a.pk for a in promoted]},
        )
    return shift


def shift_rotate_site_code(*, shift: Shift, actor) -> Shift:
    """Retire every printed or photographed code of this shift."""
    from joud.volunteering.models import new_nonce

    with transaction.atomic(), organization_scope(shift.organization_id):
        shift = Shift.objects.select_for_update().get(pk=shift.pk)
        shift.site_nonce = new_nonce()
        shift.save(update_fields=["site_nonce", "updated_at"])
        audit_log(action="joud.volunteering.site_code_rotated", actor=actor, target=shift)
    return shift


# Volunteers -----------------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    return " ".join((value or "").split())


def profile_save(
    *,
    user,
    skills: list[str],
    wilayat,
    availability: list[str],
    school: str,
    university: str,
    date_of_birth: dt.date | None,
    leaderboard_visibility: str,
) -> VolunteerProfile:
    today = timezone.localdate()
    if date_of_birth is not None:
        if date_of_birth >= today:
            raise BusinessError(_("The date of birth must be in the past."), field="date_of_birth")
        if date_of_birth.year < today.year - 110:
            raise BusinessError(_("Check the year of birth."), field="date_of_birth")
    if leaderboard_visibility not in Visibility.values:
        raise BusinessError(_("Choose how you appear on leaderboards."))
    with transaction.atomic():
        profile, created = VolunteerProfile.objects.select_for_update().get_or_create(user=user)
        profile.skills = [s for s in skills if s in Skill.values]
        profile.availability = [a for a in availability if a in Availability.values]
        profile.wilayat = wilayat
        profile.school = _clean_text(school)
        profile.university = _clean_text(university)
        profile.date_of_birth = date_of_birth
        profile.leaderboard_visibility = leaderboard_visibility
        profile.save()
        if not user.is_volunteer:
            user.is_volunteer = True
            user.save(update_fields=["is_volunteer"])
        audit_log(
            action="joud.volunteering.profile_saved",
            actor=user,
            target=profile,
            data={"created": created, "visibility": leaderboard_visibility},
        )
    return profile


def _allocate(shift: Shift, application: Application, now: dt.datetime) -> None:
    """Accept if a place is free, else queue. The caller holds the lock on ``shift``."""
    accepted = shift.applications.filter(status=Application.Status.ACCEPTED).count()
    application.status = (
        Application.Status.ACCEPTED if accepted < shift.capacity else Application.Status.WAITLISTED
    )
    application.queued_at = now
    application.decided_at = now


def _promote_waitlisted(shift: Shift) -> list[Application]:
    """Fill free places from the head of the waiting list. The caller holds the lock on ``shift``."""
    promoted = []
    accepted = shift.applications.filter(status=Application.Status.ACCEPTED).count()
    free = shift.capacity - accepted
    if free <= 0:
        return promoted
    queue = shift.applications.filter(status=Application.Status.WAITLISTED).order_by(
        "queued_at", "id"
    )
    now = timezone.now()
    for application in queue[:free]:
        application.status = Application.Status.ACCEPTED
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        audit_log(
            action="joud.volunteering.signup_promoted",
            target=application,
            data={"shift": shift.pk},
        )
        _notify_promoted(application)
        promoted.append(application)
    return promoted


def shift_apply(
    *, shift: Shift, volunteer, guardian_name: str = "", guardian_phone: str = ""
) -> Application:
    """Sign ``volunteer`` up for ``shift``: accepted, wait-listed, or (minors) pending consent."""
    profile = VolunteerProfile.objects.filter(user=volunteer).first()
    if profile is None or profile.date_of_birth is None:
        raise BusinessError(
            _("Complete your volunteer profile, with your date of birth, before signing up."),
            code="profile_required",
        )
    now = timezone.now()
    with transaction.atomic(), organization_scope(shift.organization_id):
        # The lock: every sign-up for this shift waits here for the one before it to commit.
        shift = Shift.objects.select_for_update().select_related("opportunity").get(pk=shift.pk)
        opportunity = shift.opportunity
        if opportunity.status != Opportunity.Status.PUBLISHED:
            raise BusinessError(_("This opportunity is not open for volunteers."))
        if not shift.organization.is_licensed:
            raise BusinessError(
                _("This organization's licence is not active, so it cannot take volunteers now."),
                code="not_licensed",
            )
        if shift.starts_at <= now:
            raise BusinessError(_("This shift has already started."))
        age = profile.age_on(shift.local_date)
        if age < opportunity.min_age:
            raise BusinessError(
                _("This opportunity is for volunteers aged %(min)s and over.")
                % {"min": opportunity.min_age},
                code="too_young",
            )
        if opportunity.max_age and age > opportunity.max_age:
            raise BusinessError(
                _("This opportunity is for volunteers up to %(max)s years old.")
                % {"max": opportunity.max_age},
                code="too_old",
            )
        if shift.applications.filter(volunteer=volunteer, status__in=Application.ACTIVE).exists():
            raise BusinessError(_("You are already signed up for this shift."), code="duplicate")
        with scopes_disabled():  # the person's other sign-ups may be with other organizations
            clash = (
                Application.objects.filter(
                    volunteer=volunteer,
                    status__in=(Application.Status.ACCEPTED, Application.Status.PENDING_CONSENT),
                    shift__starts_at__lt=shift.ends_at,
                    shift__ends_at__gt=shift.starts_at,
                )
                .select_related("shift__opportunity")
                .first()
            )
        if clash is not None:
            raise BusinessError(
                _("You are already signed up for %(shift)s at the same time.")
                % {"shift": _shift_label(clash.shift)},
                code="overlap",
            )
        application = Application(
            organization_id=shift.organization_id, shift=shift, volunteer=volunteer
        )
        minor = age < ADULT_AGE
        if minor:
            guardian_name = _clean_text(guardian_name)
            if len(guardian_name) < 3:
                raise BusinessError(
                    _("Volunteers under 18 need a parent or guardian's consent: enter their name."),
                    field="guardian_name",
                    code="guardian_required",
                )
            try:
                guardian_phone = normalize_omani_phone(guardian_phone)
            except ValidationError as exc:
                raise BusinessError(exc.messages[0], field="guardian_phone") from exc
            if guardian_phone == volunteer.phone:
                raise BusinessError(
                    _("Enter your guardian's mobile number, not your own."),
                    field="guardian_phone",
                )
            application.status = Application.Status.PENDING_CONSENT
            application.guardian_name = guardian_name
            application.guardian_phone = guardian_phone
            application.consent_requested_at = now
            application.queued_at = now
        else:
            _allocate(shift, application, now)
        try:
            with transaction.atomic():
                application.save(force_insert=True)
        except IntegrityError as exc:
            raise BusinessError(
                _("You are already signed up for this shift."), code="duplicate"
            ) from exc
        audit_log(
            action="joud.volunteering.signup_created",
            actor=volunteer,
            target=application,
            data={"status": application.status, "shift": shift.pk, "minor": minor},
        )
        if minor:
            _send_consent_request(application)
    return application


def _send_consent_request(application: Application) -> None:
    link = _absolute(reverse("volunteering:consent", args=[tokens.consent_token(application)]))
    shift = application.shift
    with translation.override("ar"):
        body = gettext(
            "%(volunteer)s asks your consent to volunteer with %(org)s for %(shift)s. "
            "Open this link to agree or refuse: %(link)s"
        ) % {
            "volunteer": application.volunteer.full_name or application.volunteer,
            "org": shift.organization.name,
            "shift": _shift_label(shift),
            "link": link,
        }
    queue_sms(to=application.guardian_phone, body=body)


def consent_decide(*, token: str, approve: bool) -> Application:
    """The guardian's answer, from the signed link in their SMS. No account needed."""
    application_id = tokens.read_consent_token(token)
    if application_id is None:
        raise BusinessError(
            _("This consent link is not valid or has expired. Ask for a new one."), code="bad_link"
        )
    with scopes_disabled():
        org_id = (
            Application.objects.filter(pk=application_id)
            .values_list("organization_id", flat=True)
            .first()
        )
    if org_id is None:
        raise BusinessError(_("This sign-up no longer exists."), code="bad_link")
    now = timezone.now()
    with transaction.atomic(), organization_scope(org_id):
        application = Application.objects.select_related("shift").get(pk=application_id)
        shift = Shift.objects.select_for_update().get(pk=application.shift_id)
        application = Application.objects.select_for_update().get(pk=application_id)
        if application.status != Application.Status.PENDING_CONSENT:
            raise BusinessError(_("This request has already been answered."), code="answered")
        if approve:
            if shift.starts_at <= now:
                raise BusinessError(_("This shift has already started."))
            application.consent_given_at = now
            _allocate(shift, application, now)
        else:
            application.status = Application.Status.DECLINED
            application.decided_at = now
        application.save()
        audit_log(
            action="joud.volunteering.guardian_consent",
            target=application,
            data={"approved": approve, "status": application.status},
        )
        status = application.status
        notify(
            application.volunteer,
            subject=lambda: gettext("Your guardian answered"),
            body=lambda: (
                (
                    gettext("Your guardian agreed. You are accepted for %(shift)s.")
                    if status == Application.Status.ACCEPTED
                    else gettext("Your guardian agreed. You are on the waiting list for %(shift)s.")
                    if status == Application.Status.WAITLISTED
                    else gettext("Your guardian did not agree to %(shift)s.")
                )
                % {"shift": _shift_label(shift)}
            ),
        )
    return application


def application_cancel(*, application: Application, actor) -> Application:
    """Cancel a sign-up; a freed place goes to the first person on the waiting list."""
    now = timezone.now()
    with transaction.atomic(), organization_scope(application.organization_id):
        shift = Shift.objects.select_for_update().get(pk=application.shift_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        is_self = actor is not None and actor.pk == application.volunteer_id
        if not is_self and not _is_coordinator(actor, application.organization_id):
            raise PermissionDeniedError(_("You cannot cancel this sign-up."))
        if application.status not in Application.ACTIVE:
            raise BusinessError(_("This sign-up is already cancelled."), code="cancelled")
        if is_self and shift.starts_at <= now:
            raise BusinessError(
                _("The shift has started: tell the coordinator instead of cancelling.")
            )
        was = application.status
        application.status = Application.Status.CANCELLED
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        promoted = _promote_waitlisted(shift) if was == Application.Status.ACCEPTED else []
        audit_log(
            action="joud.volunteering.signup_cancelled",
            actor=actor,
            target=application,
            data={"was": was, "promoted": [a.pk for a in promoted]},
        )
    return application


def _is_coordinator(user, organization_id) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.memberships.filter(
        organization_id=organization_id, is_active=True, role__in=("coordinator", "admin")
    ).exists()


# Attendance ----------------------------------------------------------------------------------


def _time(moment: dt.datetime) -> str:
    return time_format(timezone.localtime(moment).time(), "H:i")


def check_window(shift: Shift, at: dt.datetime, *, checking_out: bool) -> None:
    opens = shift.starts_at - CHECK_IN_OPENS_BEFORE
    closes = shift.ends_at + CHECK_OUT_GRACE if checking_out else shift.ends_at
    if at < opens:
        raise BusinessError(
            _("Too early: this shift starts at %(start)s; check-in opens an hour before.")
            % {"start": _local(shift.starts_at)},
            code="too_early",
        )
    if at > closes:
        raise BusinessError(
            _(
                "This shift ended at %(end)s: the code no longer works. Ask the coordinator to record your hours."
            )
            % {"end": _local(shift.ends_at)},
            code="too_late",
        )


def _minutes_served(shift: Shift, checked_in: dt.datetime, checked_out: dt.datetime) -> int:
    start = max(checked_in, shift.starts_at)
    end = min(checked_out, shift.ends_at)
    return max(0, int((end - start).total_seconds() // 60))


def attendance_record(
    *,
    application: Application,
    site_shift: Shift,
    action: str,
    actor,
    at: dt.datetime | None = None,
) -> Application:
    """Check in (``action="in"``) or out (``"out"``) at the site of ``site_shift``."""
    at = at or timezone.now()
    if action not in ("in", "out"):
        raise BusinessError(_("Unknown action."))
    with transaction.atomic(), organization_scope(application.organization_id):
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("shift__opportunity")
            .get(pk=application.pk)
        )
        shift = application.shift
        if site_shift.pk != shift.pk:
            raise BusinessError(
                _("Wrong site: this code is for %(here)s, but you are signed up for %(yours)s.")
                % {"here": _shift_label(site_shift), "yours": _shift_label(shift)},
                code="wrong_site",
            )
        if application.status != Application.Status.ACCEPTED:
            raise BusinessError(
                _("Only accepted volunteers can check in (this sign-up is: %(status)s).")
                % {"status": application.get_status_display()},
                code="not_accepted",
            )
        if action == "in":
            if application.checked_in_at:
                raise BusinessError(
                    _("Already checked in at %(time)s. Scan again when you leave to check out.")
                    % {"time": _time(application.checked_in_at)},
                    code="already_in",
                )
            check_window(shift, at, checking_out=False)
            application.checked_in_at = at
        else:
            if application.checked_out_at:
                raise BusinessError(
                    _("Already checked out at %(time)s. Your hours are with the coordinator.")
                    % {"time": _time(application.checked_out_at)},
                    code="already_out",
                )
            if not application.checked_in_at:
                raise BusinessError(
                    _("You have not checked in yet: check in first."), code="not_in"
                )
            check_window(shift, at, checking_out=True)
            since = (at - application.checked_in_at).total_seconds() / 60
            if since < MIN_MINUTES_BEFORE_CHECK_OUT:
                raise BusinessError(
                    _(
                        "You checked in at %(time)s, only moments ago: this looks like a second scan."
                    )
                    % {"time": _time(application.checked_in_at)},
                    code="scanned_twice",
                )
            application.checked_out_at = at
            application.minutes = _minutes_served(shift, application.checked_in_at, at)
            application.hours_status = Application.Hours.PENDING
        application.save()
        audit_log(
            action=f"joud.volunteering.checked_{action}",
            actor=actor,
            target=application,
            data={
                "at": at,
                "minutes": application.minutes,
                "by_coordinator": actor is not None and actor.pk != application.volunteer_id,
            },
        )
    return application


def shift_for_site_token(token: str) -> Shift:
    parsed = tokens.read_site_token(token)
    if parsed is None:
        raise BusinessError(_("This is not a Joud site code."), code="bad_code")
    shift_id, nonce = parsed
    with scopes_disabled():  # a public code: the shift's organization is not known yet
        shift = (
            Shift.objects.select_related("opportunity", "organization").filter(pk=shift_id).first()
        )
    if shift is None:
        raise BusinessError(_("This site code belongs to a shift that no longer exists."))
    if shift.site_nonce != nonce:
        raise BusinessError(
            _("This site code has been replaced. Scan the code the coordinator shows now."),
            code="old_code",
        )
    return shift


def application_for_site(*, volunteer, site_shift: Shift, at: dt.datetime | None = None):
    """The volunteer's sign-up that this site code should record, or a clear refusal."""
    at = at or timezone.now()
    with organization_scope(site_shift.organization_id):
        here = (
            site_shift.applications.filter(volunteer=volunteer)
            .exclude(status__in=(Application.Status.CANCELLED, Application.Status.DECLINED))
            .first()
        )
    if here is not None:
        return here
    with scopes_disabled():
        elsewhere = (
            Application.objects.filter(
                volunteer=volunteer,
                status=Application.Status.ACCEPTED,
                shift__starts_at__lte=at + CHECK_IN_OPENS_BEFORE,
                shift__ends_at__gte=at - CHECK_OUT_GRACE,
            )
            .select_related("shift__opportunity")
            .first()
        )
    if elsewhere is not None:
        raise BusinessError(
            _("Wrong site: this code is for %(here)s, but you are signed up for %(yours)s.")
            % {"here": _shift_label(site_shift), "yours": _shift_label(elsewhere.shift)},
            code="wrong_site",
        )
    raise BusinessError(
        _("You are not signed up for %(here)s.") % {"here": _shift_label(site_shift)},
        code="not_signed_up",
    )


# Hours --------------------------------------------------------------------------------------


def _check_minutes(minutes: int) -> int:
    try:
        minutes = int(minutes)
    except (TypeError, ValueError) as exc:
        raise BusinessError(_("Enter the minutes as a whole number."), field="minutes") from exc
    if not 0 <= minutes <= MAX_MINUTES:
        raise BusinessError(_("Minutes must be between 0 and 1440."), field="minutes")
    return minutes


def hours_approve(*, application: Application, actor, minutes: int | None = None) -> Application:
    with transaction.atomic(), organization_scope(application.organization_id):
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not _is_coordinator(actor, application.organization_id):
            raise PermissionDeniedError(_("Only the organization's coordinators approve hours."))
        if application.hours_status == Application.Hours.DISPUTED:
            raise BusinessError(_("These hours are disputed: resolve the dispute instead."))
        if application.hours_status == Application.Hours.APPROVED:
            raise BusinessError(_("These hours are already approved."), code="approved")
        if application.status != Application.Status.ACCEPTED:
            raise BusinessError(_("Only accepted volunteers have hours to approve."))
        if minutes is None:
            if application.hours_status != Application.Hours.PENDING:
                raise BusinessError(
                    _("No check-out was recorded: enter the minutes served."), field="minutes"
                )
            minutes = application.minutes
        minutes = _check_minutes(minutes)
        application.approved_minutes = minutes
        application.hours_status = Application.Hours.APPROVED
        application.approved_by = actor
        application.approved_at = timezone.now()
        application.save()
        audit_log(
            action="joud.volunteering.hours_approved",
            actor=actor,
            target=application,
            data={"recorded": application.minutes, "approved": minutes},
        )
    return application


def hours_dispute(
    *, application: Application, volunteer, reason: str, claimed_minutes: int
) -> HoursDispute:
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise BusinessError(
            _("Explain what happened in a sentence or two (at least 10 characters)."),
            field="reason",
        )
    claimed_minutes = _check_minutes(claimed_minutes)
    with transaction.atomic(), organization_scope(application.organization_id):
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.volunteer_id != volunteer.pk:
            raise PermissionDeniedError(_("You can dispute only your own hours."))
        if application.hours_status == Application.Hours.DISPUTED:
            raise BusinessError(_("You already have an open dispute for this shift."))
        if (
            application.hours_status not in (Application.Hours.PENDING, Application.Hours.APPROVED)
            and not application.checked_in_at
        ):
            raise BusinessError(_("There are no hours recorded for this shift to dispute."))
        dispute = HoursDispute.objects.create(
            organization_id=application.organization_id,
            application=application,
            reason=reason,
            claimed_minutes=claimed_minutes,
        )
        application.hours_status = Application.Hours.DISPUTED
        application.save(update_fields=["hours_status", "updated_at"])
        audit_log(
            action="joud.volunteering.hours_disputed",
            actor=volunteer,
            target=dispute,
            data={"claimed": claimed_minutes, "approved": application.approved_minutes},
        )
    return dispute


def dispute_resolve(*, dispute: HoursDispute, actor, minutes: int, resolution: str) -> HoursDispute:
    minutes = _check_minutes(minutes)
    resolution = (resolution or "").strip()
    if not resolution:
        raise BusinessError(_("Write a short note for the volunteer."), field="resolution")
    with transaction.atomic(), organization_scope(dispute.organization_id):
        dispute = HoursDispute.objects.select_for_update().get(pk=dispute.pk)
        if not _is_coordinator(actor, dispute.organization_id):
            raise PermissionDeniedError(_("Only the organization's coordinators resolve disputes."))
        if dispute.status != HoursDispute.Status.OPEN:
            raise BusinessError(_("This dispute is already resolved."))
        application = (
            Application.objects.select_for_update()
            .select_related("shift__opportunity")
            .get(pk=dispute.application_id)
        )
        now = timezone.now()
        dispute.status = HoursDispute.Status.RESOLVED
        dispute.resolution = resolution
        dispute.resolved_minutes = minutes
        dispute.resolved_by = actor
        dispute.resolved_at = now
        dispute.save()
        application.approved_minutes = minutes
        application.hours_status = Application.Hours.APPROVED
        application.approved_by = actor
        application.approved_at = now
        application.save()
        audit_log(
            action="joud.volunteering.dispute_resolved",
            actor=actor,
            target=dispute,
            data={"claimed": dispute.claimed_minutes, "approved": minutes},
        )
        shift = application.shift
        notify(
            application.volunteer,
            subject=lambda: gettext("Your hours dispute was answered"),
            body=lambda: (
                gettext(
                    "Your hours for %(shift)s are now %(hours)s. The coordinator wrote: %(note)s"
                )
                % {
                    "shift": _shift_label(shift),
                    "hours": application.approved_hours,
                    "note": resolution,
                }
            ),
        )
    return dispute


# Messages from coordinators -------------------------------------------------------------------

AUDIENCES = {
    "accepted": (Application.Status.ACCEPTED,),
    "waitlisted": (Application.Status.WAITLISTED,),
    "all": (
        Application.Status.ACCEPTED,
        Application.Status.WAITLISTED,
        Application.Status.PENDING_CONSENT,
    ),
}


def volunteers_message(
    *, shift: Shift, actor, audience: str, body: str, channel: str = "both"
) -> int:
    body = (body or "").strip()
    if not body:
        raise BusinessError(_("Write the message."), field="body")
    if len(body) > 600:
        raise BusinessError(_("Keep the message under 600 characters."), field="body")
    if audience not in AUDIENCES or channel not in ("sms", "email", "both"):
        raise BusinessError(_("Choose who receives the message and how."))
    with transaction.atomic(), organization_scope(shift.organization_id):
        if not _is_coordinator(actor, shift.organization_id):
            raise PermissionDeniedError(_("Only the organization's coordinators send messages."))
        recipients = [
            a.volunteer
            for a in shift.applications.filter(status__in=AUDIENCES[audience]).select_related(
                "volunteer"
            )
        ]
        org_name = shift.organization.name_ar
        subject = f"{org_name}: {shift.opportunity.title_ar}"
        text = f"{org_name}: {body}"
        for person in recipients:
            if channel in ("sms", "both") and person.phone:
                queue_sms(to=person.phone, body=text)
            if channel in ("email", "both") and person.email:
                queue_email(to=person.email, subject=subject, body=text)
        audit_log(
            action="joud.volunteering.message_sent",
            actor=actor,
            target=shift,
            data={"audience": audience, "channel": channel, "recipients": len(recipients)},
        )
    return len(recipients)


# Reminders (periodic) -------------------------------------------------------------------------


def shift_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind accepted volunteers of tomorrow's shifts, once each."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=1)
    sent = 0
    with transaction.atomic(), scopes_disabled():  # a job for every organization
        due = (
            Application.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Application.Status.ACCEPTED,
                reminder_sent_at__isnull=True,
                shift__starts_at__gte=start,
                shift__starts_at__lt=end,
            )
            .select_related("shift__opportunity", "shift__organization", "volunteer")
        )
        for application in due:
            shift = application.shift
            opportunity = shift.opportunity
            notify(
                application.volunteer,
                subject=lambda: gettext("Reminder: you volunteer tomorrow"),
                body=lambda shift=shift, opportunity=opportunity: (
                    gettext(
                        "Reminder: tomorrow you volunteer for %(shift)s at %(place)s. "
                        "Scan the site code when you arrive. Cannot come? Cancel so someone else can."
                    )
                    % {"shift": _shift_label(shift), "place": opportunity.place}
                ),
            )
            application.reminder_sent_at = now
            application.save(update_fields=["reminder_sent_at", "updated_at"])
            sent += 1
        if sent:
            audit_log(
                action="joud.volunteering.reminders_sent", data={"count": sent, "day": tomorrow}
            )
    return sent


# Certificates --------------------------------------------------------------------------------


def _approved_minutes(*, volunteer, opportunity=None, year=None) -> int:
    with scopes_disabled():  # a yearly certificate spans organizations
        qs = Application.objects.filter(
            volunteer=volunteer, hours_status=Application.Hours.APPROVED
        )
        if opportunity is not None:
            qs = qs.filter(shift__opportunity=opportunity)
        if year is not None:
            qs = qs.filter(shift__starts_at__year=year)
        return qs.aggregate(total=Sum("approved_minutes"))["total"] or 0


def certificate_issue(
    *,
    volunteer,
    opportunity: Opportunity | None = None,
    year: int | None = None,
    language: str = "ar",
) -> Certificate:
    """Issue (or return the identical existing) certificate of approved hours."""
    if (opportunity is None) == (year is None):
        raise BusinessError(_("A certificate is for one opportunity or for one year."))
    if language not in ("ar", "en"):
        language = "ar"
    minutes = _approved_minutes(volunteer=volunteer, opportunity=opportunity, year=year)
    if minutes <= 0:
        raise BusinessError(_("There are no approved hours to certify yet."), code="no_hours")
    kind = Certificate.Kind.OPPORTUNITY if opportunity else Certificate.Kind.YEARLY
    with transaction.atomic():
        existing = (
            Certificate.objects.select_for_update()
            .filter(
                volunteer=volunteer,
                kind=kind,
                opportunity=opportunity,
                year=year,
                language=language,
                minutes=minutes,
            )
            .first()
        )
        if existing is not None:
            return existing
        certificate = Certificate(
            volunteer=volunteer,
            kind=kind,
            opportunity=opportunity,
            year=year,
            language=language,
            minutes=minutes,
        )
        with translation.override(language):
            content = {
                "code": certificate.code,
                "name": volunteer.full_name or str(volunteer),
                "minutes": minutes,
                "issued": timezone.localdate().isoformat(),
                "lang": language,
            }
            if opportunity is not None:
                content["org"] = opportunity.organization.name
                content["for"] = opportunity.title
            else:
                content["year"] = year
        certificate.content = content
        certificate.signature = tokens.certificate_signature(content)
        certificate.save(force_insert=True)
        audit_log(
            action="joud.volunteering.certificate_issued",
            actor=volunteer,
            target=certificate,
            organization=opportunity.organization if opportunity else None,
            data={"kind": kind, "minutes": minutes, "year": year},
        )
    return certificate
