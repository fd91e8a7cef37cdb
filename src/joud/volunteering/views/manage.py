"""The coordinator's pages: overview, opportunities and their shifts, the roster."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.spreadsheet import safe_row
from joud.volunteering import access, selectors, services
from joud.volunteering.forms import CapacityForm, OpportunityForm, ShiftForm
from joud.volunteering.views.common import form_error


@login_required
def manage_start(request):
    organization = access.coordinated_organization(request.user)
    if organization is None:
        return redirect("volunteering:home")
    return redirect("volunteering:manage", org=organization.slug)


@access.coordinator_required
def manage(request, org: str):
    context = selectors.coordinator_overview(request.organization)
    context["organization"] = request.organization
    return render(request, "volunteering/manage/home.html", context)


@access.coordinator_required
def opportunity_new(request, org: str):
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            opportunity = services.opportunity_create(
                organization=request.organization, actor=request.user, **data
            )
        except BusinessError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Opportunity saved as a draft: add its shifts."))
            return redirect("volunteering:manage_opportunity", org=org, pk=opportunity.pk)
    return render(
        request,
        "volunteering/manage/opportunity_form.html",
        {"form": form, "organization": request.organization},
    )


@access.coordinator_required
def manage_opportunity(request, org: str, pk: int):
    opportunity = get_object_or_404(selectors.organization_opportunities(), pk=pk)
    form = ShiftForm(request.POST if "add_shift" in request.POST else None)
    if request.method == "POST":
        try:
            if "status" in request.POST:
                services.opportunity_set_status(
                    opportunity=opportunity, status=request.POST["status"], actor=request.user
                )
                messages.success(request, _("Status updated."))
                return redirect(request.path)
            if form.is_valid():
                services.shift_create(
                    opportunity=opportunity, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("Shift added."))
                return redirect(request.path)
        except BusinessError as exc:
            if "status" in request.POST:
                messages.error(request, str(exc.message))
            else:
                form_error(form, exc)
    shifts = selectors.shifts_of(opportunity)
    return render(
        request,
        "volunteering/manage/opportunity.html",
        {
            "organization": request.organization,
            "opportunity": opportunity,
            "shifts": shifts,
            "form": form,
        },
    )


@access.coordinator_required
def roster(request, org: str, pk: int):
    shift = get_object_or_404(selectors.organization_shifts(), pk=pk)
    capacity_form = CapacityForm(
        request.POST if "capacity" in request.POST else None, initial={"capacity": shift.capacity}
    )
    if request.method == "POST" and capacity_form.is_valid():
        try:
            services.shift_set_capacity(
                shift=shift, capacity=capacity_form.cleaned_data["capacity"], actor=request.user
            )
        except BusinessError as exc:
            form_error(capacity_form, exc)
        else:
            messages.success(request, _("Places updated."))
            return redirect(request.path)
    rows = selectors.roster(shift)
    return render(
        request,
        "volunteering/manage/roster.html",
        {
            "organization": request.organization,
            "shift": shift,
            "rows": rows,
            "capacity_form": capacity_form,
            "accepted": sum(1 for r in rows if r.status == "accepted"),
        },
    )


@access.coordinator_required
@require_GET
def roster_csv(request, org: str, pk: int):
    shift = get_object_or_404(selectors.organization_shifts(), pk=pk)
    rows = selectors.roster(shift)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{shift.pk}.csv"'
    add_never_cache_headers(response)  # volunteers' mobiles and minors' guardians
    response.write("\ufeff")  # a BOM, so spreadsheet programs read the Arabic as UTF-8
    writer = csv.writer(response)
    writer.writerow([
        _("Name"), _("Mobile"), _("Email"), _("Status"), _("Age"), _("Guardian"),
        _("Guardian's mobile"), _("Checked in"), _("Checked out"), _("Recorded minutes"),
        _("Approved minutes"), _("Hours"),
    ])  # fmt: skip

    def when(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    for a in rows:
        writer.writerow(safe_row([
            a.volunteer.full_name, a.volunteer.phone or "", a.volunteer.email or "",
            a.get_status_display(), a.age if a.age is not None else "",
            a.guardian_name or "", a.guardian_phone or "", when(a.checked_in_at),
            when(a.checked_out_at), a.minutes, a.approved_minutes, a.get_hours_status_display(),
        ]))  # fmt: skip
    audit_log(
        action="joud.volunteering.roster_exported",
        actor=request.user,
        target=shift,
        data={"rows": len(rows)},
    )
    return response
