"""Hours: the volunteer's dispute, the coordinator's approval and resolution."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.core.errors import BusinessError
from joud.volunteering import access, selectors, services
from joud.volunteering.forms import ApproveHoursForm, DisputeForm, ResolveDisputeForm
from joud.volunteering.views.common import form_error


@login_required
def dispute(request, pk: int):
    application = selectors.signup(pk)
    if not access.is_own_application(request.user, application):
        raise Http404
    form = DisputeForm(
        request.POST or None,
        initial={"claimed_minutes": application.approved_minutes or application.minutes or None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_dispute(
                application=application,
                volunteer=request.user,
                reason=form.cleaned_data["reason"],
                claimed_minutes=form.cleaned_data["claimed_minutes"],
            )
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Your dispute is with the coordinator."))
            return redirect("volunteering:me")
    return render(request, "volunteering/dispute.html", {"application": application, "form": form})


@access.coordinator_required
@require_POST
def approve_hours(request, org: str, pk: int):
    application = get_object_or_404(selectors.organization_signups(), pk=pk)
    form = ApproveHoursForm(request.POST)
    minutes = form.cleaned_data.get("minutes") if form.is_valid() else None
    services.hours_approve(application=application, actor=request.user, minutes=minutes)
    messages.success(request, _("Hours approved."))
    return redirect("volunteering:roster", org=org, pk=application.shift_id)


@access.coordinator_required
def resolve_dispute(request, org: str, pk: int):
    dispute = get_object_or_404(selectors.organization_disputes(), pk=pk)
    form = ResolveDisputeForm(request.POST or None, initial={"minutes": dispute.claimed_minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_resolve(dispute=dispute, actor=request.user, **form.cleaned_data)
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Dispute resolved; the volunteer has been told."))
            return redirect("volunteering:manage", org=org)
    return render(
        request,
        "volunteering/manage/dispute.html",
        {"organization": request.organization, "dispute": dispute, "form": form},
    )
