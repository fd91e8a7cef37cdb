"""Attendance: the site code volunteers scan, and the coordinator scanning a volunteer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from joud.accounts.models import User
from joud.accounts.permissions import organization_member_required
from joud.core.errors import BusinessError
from joud.volunteering import selectors, services, tokens
from joud.volunteering.access import COORDINATOR_ROLES as COORDINATORS
from joud.volunteering.models import Application
from joud.volunteering.views.common import absolute, qr_svg


@login_required
def scan(request, token: str):
    """The volunteer scanned the site code: show where they are and the next step."""
    shift = services.shift_for_site_token(token)
    error, application = "", None
    try:
        application = services.application_for_site(volunteer=request.user, site_shift=shift)
    except BusinessError as exc:
        error = str(exc.message)
    if request.method == "GET" and application is not None and not application.checked_out_at:
        # Say now why the code cannot work, rather than after a press of the button.
        try:
            if application.status != Application.Status.ACCEPTED:
                raise BusinessError(
                    _("Only accepted volunteers can check in (this sign-up is: %(status)s).")
                    % {"status": application.get_status_display()}
                )
            services.check_window(
                shift, timezone.now(), checking_out=bool(application.checked_in_at)
            )
        except BusinessError as exc:
            error, application = str(exc.message), None
    if request.method == "POST" and application is not None:
        action = request.POST.get("action", "")
        try:
            application = services.attendance_record(
                application=application, site_shift=shift, action=action, actor=request.user
            )
        except BusinessError as exc:
            error = str(exc.message)
        else:
            messages.success(
                request,
                _("Checked in. Thank you for coming!")
                if action == "in"
                else _("Checked out. Your hours are waiting for the coordinator's approval."),
            )
            return redirect("volunteering:scan", token=token)
    return render(
        request,
        "volunteering/scan.html",
        {"shift": shift, "application": application, "error": error},
        status=200,
    )


@organization_member_required(*COORDINATORS)
def site_code(request, org: str, pk: int):
    shift = get_object_or_404(selectors.organization_shifts(), pk=pk)
    if request.method == "POST":
        shift = services.shift_rotate_site_code(shift=shift, actor=request.user)
        messages.success(request, _("A new code is shown; the old one no longer works."))
        return redirect(request.path)
    url = absolute(request, reverse("volunteering:scan", args=[tokens.site_token(shift)]))
    return render(
        request,
        "volunteering/manage/site_code.html",
        {
            "organization": request.organization,
            "shift": shift,
            "qr": qr_svg(url, scale=8),
            "url": url,
        },
    )


@organization_member_required(*COORDINATORS)
def person_scan(request, org: str, token: str):
    """The coordinator's phone scanned a volunteer's personal code."""
    user_id = tokens.read_person_token(token)
    person = User.objects.filter(pk=user_id).first() if user_id else None
    if person is None:
        raise BusinessError(_("This is not a Joud volunteer code."))
    now = timezone.now()
    today = list(
        Application.objects.filter(
            volunteer=person,
            status=Application.Status.ACCEPTED,
            shift__starts_at__lte=now + services.CHECK_IN_OPENS_BEFORE,
            shift__ends_at__gte=now - services.CHECK_OUT_GRACE,
        ).select_related("shift__opportunity")
    )
    if request.method == "POST":
        application = get_object_or_404(
            Application, pk=request.POST.get("application"), volunteer=person
        )
        try:
            services.attendance_record(
                application=application,
                site_shift=application.shift,
                action=request.POST.get("action", ""),
                actor=request.user,
            )
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Recorded."))
        return redirect(request.path)
    return render(
        request,
        "volunteering/manage/person.html",
        {"organization": request.organization, "person": person, "applications": today},
    )


def person_scan_redirect(request, token: str):
    """The personal QR opens this; a coordinator is sent to their organization's page."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    membership = (
        request.user.memberships.filter(is_active=True, role__in=COORDINATORS)
        .select_related("organization")
        .first()
    )
    if membership is None:
        raise BusinessError(_("Only a coordinator can scan a volunteer's personal code."))
    return redirect("volunteering:manage_person", org=membership.organization.slug, token=token)
