"""Attendance: the site code volunteers scan, and the coordinator scanning a volunteer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.volunteering import access, selectors, services, tokens
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
            services.check_can_record(application, shift, timezone.now())
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


@access.coordinator_required
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


@access.coordinator_required
def person_scan(request, org: str, token: str):
    """The coordinator's phone scanned a volunteer's personal code."""
    person = selectors.person_by_code(token)
    if person is None:
        raise BusinessError(_("This is not a Joud volunteer code."))
    if request.method == "POST":
        application = get_object_or_404(
            selectors.organization_signups().filter(volunteer=person),
            pk=request.POST.get("application"),
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
    today = selectors.signups_open_for_attendance(person, timezone.now())
    return render(
        request,
        "volunteering/manage/person.html",
        {"organization": request.organization, "person": person, "applications": today},
    )


@login_required
def person_scan_redirect(request, token: str):
    """The personal QR opens this; a coordinator is sent to their organization's page."""
    organization = access.coordinated_organization(request.user)
    if organization is None:
        raise BusinessError(_("Only a coordinator can scan a volunteer's personal code."))
    return redirect("volunteering:manage_person", org=organization.slug, token=token)
