"""Attendance: checking in and out at the site, by the site's code or the coordinator's scan."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.tenancy import organization_scope, scopes_disabled
from joud.volunteering import tokens
from joud.volunteering.models import CHECK_IN_OPENS_BEFORE, CHECK_OUT_GRACE, Application, Shift
from joud.volunteering.text import clock_time, local_moment, shift_label

MIN_MINUTES_BEFORE_CHECK_OUT = 5


def check_window(shift: Shift, at: dt.datetime, *, checking_out: bool) -> None:
    opens = shift.starts_at - CHECK_IN_OPENS_BEFORE
    closes = shift.ends_at + CHECK_OUT_GRACE if checking_out else shift.ends_at
    if at < opens:
        raise BusinessError(
            _("Too early: this shift starts at %(start)s; check-in opens an hour before.")
            % {"start": local_moment(shift.starts_at)},
            code="too_early",
        )
    if at > closes:
        raise BusinessError(
            _(
                "This shift ended at %(end)s: the code no longer works. Ask the coordinator to record your hours."
            )
            % {"end": local_moment(shift.ends_at)},
            code="too_late",
        )


def check_can_record(application: Application, shift: Shift, at: dt.datetime) -> None:
    """The refusal a check-in or check-out at ``at`` would meet, raised before anyone presses."""
    if application.status != Application.Status.ACCEPTED:
        raise BusinessError(
            _("Only accepted volunteers can check in (this sign-up is: %(status)s).")
            % {"status": application.get_status_display()},
            code="not_accepted",
        )
    check_window(shift, at, checking_out=bool(application.checked_in_at))


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
                % {"here": shift_label(site_shift), "yours": shift_label(shift)},
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
                    % {"time": clock_time(application.checked_in_at)},
                    code="already_in",
                )
            check_window(shift, at, checking_out=False)
            application.checked_in_at = at
        else:
            if application.checked_out_at:
                raise BusinessError(
                    _("Already checked out at %(time)s. Your hours are with the coordinator.")
                    % {"time": clock_time(application.checked_out_at)},
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
                    % {"time": clock_time(application.checked_in_at)},
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
            % {"here": shift_label(site_shift), "yours": shift_label(elsewhere.shift)},
            code="wrong_site",
        )
    raise BusinessError(
        _("You are not signed up for %(here)s.") % {"here": shift_label(site_shift)},
        code="not_signed_up",
    )
