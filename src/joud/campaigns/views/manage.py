"""The organization's own initiative pages: its dashboard and export, drafting, submitting,
ending, reporting and posting news. They run inside its scope (``joud.campaigns.access``):
another organization's initiative is simply not found.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.campaigns import access, dashboard, reporting, selectors, services
from joud.campaigns.forms import CoverForm, FinalReportForm, InitiativeForm, UpdateForm
from joud.campaigns.models import Initiative
from joud.core.errors import BusinessError
from joud.core.forms import ReasonForm
from joud.ledger.progress import attach_progress


def _rules() -> dict:
    return {
        "lead_days": settings.JOUD_SUBMISSION_LEAD_DAYS,
        "answer_days": settings.JOUD_MINISTRY_ANSWER_WORKING_DAYS,
        "report_days": settings.JOUD_REPORT_DUE_WORKING_DAYS,
        "block_days": settings.JOUD_REPORT_BLOCK_WORKING_DAYS,
        "share_cap": settings.JOUD_ADMIN_SHARE_CAP,
    }


@access.team_required
def org_dashboard(request):
    state = request.GET.get("state", "")
    today = timezone.localdate()
    initiatives = dashboard.dashboard_initiatives(state=state, today=today)
    org = request.organization
    context = {
        "organization": org,
        "figures": dashboard.key_figures(org, initiatives, today=today),
        "initiatives": initiatives,
        "in_hand": [i for i in initiatives if i.state in dashboard.IN_HAND],
        "finished": [i for i in initiatives if i.state not in dashboard.IN_HAND],
        "in_hand_states": dashboard.IN_HAND,
        "state": state,
        "states": Initiative.State.choices,
        "is_admin": access.is_admin_membership(request.membership),
        "answers_overdue": [i for i in initiatives if i.answer_overdue],
        "reports_overdue": [i for i in initiatives if i.report_overdue],
    }
    return render(request, "web/org_dashboard.html", context)


def _own_initiative(code: str) -> Initiative:
    # Scoped by the decorator: another organization's code is simply not found.
    return get_object_or_404(
        Initiative.objects.select_related("organization"), public_code=code.upper()
    )


@access.admin_required
def initiative_new(request):
    form = InitiativeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                organization=request.organization,
                actor=request.user,
                data=form.cleaned_data,
                target_wilayats=form.cleaned_data.get("target_wilayats") or (),
                cover=form.cleaned_data.get("cover"),
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Draft saved. Submit it to the ministry when it is ready."))
            return redirect("campaigns:org_initiative", code=initiative.public_code)
    return render(
        request,
        "campaigns/org_form.html",
        {"form": form, "organization": request.organization, "rules": _rules()},
    )


@access.admin_required
def initiative_edit(request, code: str):
    initiative = _own_initiative(code)
    if initiative.state != Initiative.State.DRAFT:
        messages.error(
            request, _("Only a draft can be changed; this initiative is already submitted.")
        )
        return redirect("campaigns:org_initiative", code=initiative.public_code)
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_edit(
                initiative=Initiative.objects.get(pk=initiative.pk),
                actor=request.user,
                data=form.cleaned_data,
                target_wilayats=form.cleaned_data.get("target_wilayats"),
                cover=form.cleaned_data.get("cover"),
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("campaigns:org_initiative", code=initiative.public_code)
    return render(
        request,
        "campaigns/org_form.html",
        {
            "form": form,
            "organization": request.organization,
            "initiative": initiative,
            "rules": _rules(),
        },
    )


@access.team_required
def org_initiative(request, code: str):
    initiative = _own_initiative(code)
    item = dashboard.mark_deadlines(attach_progress([initiative])[0], timezone.localdate())
    context = {
        "organization": request.organization,
        "initiative": item,
        "updates": list(initiative.updates.all()[:30]),
        "problems": services.initiative_rule_problems(initiative)
        if initiative.state == Initiative.State.DRAFT
        else [],
        "update_form": UpdateForm(),
        "cover_form": CoverForm(),
        "may_change_cover": initiative.state in COVER_STATES,
        "report": reporting.report_of(initiative),
        "is_admin": access.is_admin_membership(request.membership),
        "answer_overdue": item.answer_overdue,
        "report_overdue": item.report_overdue,
        "history": selectors.history(initiative),
        "rules": _rules(),
    }
    return render(request, "campaigns/org_initiative.html", context)


COVER_STATES = (Initiative.State.DRAFT, Initiative.State.APPROVED, Initiative.State.LIVE)


@require_POST
@access.admin_required
def initiative_cover(request, code: str):
    """Upload or replace the cover (a draft, or an approved or live initiative: a better picture
    of the work may come later); a refused file is said in the person's language."""
    initiative = _own_initiative(code)
    form = CoverForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a picture to upload."))
        return redirect("campaigns:org_initiative", code=initiative.public_code)
    try:
        services.initiative_set_cover(
            initiative=initiative, actor=request.user, upload=form.cleaned_data["cover"]
        )
    except BusinessError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Cover saved. The public page shows it now."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@require_POST
@access.admin_required
def initiative_submit(request, code: str):
    initiative = _own_initiative(code)
    services.initiative_submit(initiative=initiative, actor=request.user)
    messages.success(request, _("Sent to the ministry. It answers within the working days shown."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@require_POST
@access.admin_required
def initiative_end(request, code: str):
    initiative = _own_initiative(code)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect("campaigns:org_initiative", code=initiative.public_code)
    services.initiative_end_early(
        initiative=initiative, actor=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("The initiative has ended. Its report is now due."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@access.admin_required
def initiative_report(request, code: str):
    """The final report: the organization writes what was done; the money is the ledger's."""
    initiative = _own_initiative(code)
    report = reporting.report_of(initiative)
    initial = {}
    if report is not None:
        initial = {
            "narrative_ar": report.narrative_ar,
            "narrative_en": report.narrative_en,
            "people_reached": report.people_reached,
            "families_reached": report.families_reached,
        }
    form = FinalReportForm(request.POST or None, request.FILES or None, initial=initial)
    may_file = initiative.state == Initiative.State.ENDED
    if request.method == "POST" and may_file and form.is_valid():
        data = form.cleaned_data
        try:
            services.final_report_submit(
                initiative=initiative,
                actor=request.user,
                narrative_ar=data["narrative_ar"],
                narrative_en=data.get("narrative_en", ""),
                people_reached=data["people_reached"],
                families_reached=data.get("families_reached") or 0,
                photos=data.get("photos") or [],
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Final report sent to the ministry."))
            return redirect("campaigns:org_initiative", code=initiative.public_code)
    elif request.method == "POST" and not may_file:
        messages.error(request, _("A final report is filed once the initiative has ended."))
        return redirect("campaigns:org_initiative", code=initiative.public_code)
    context = {
        "organization": request.organization,
        "initiative": initiative,
        "report": report,
        "form": form,
        "may_file": may_file,
        "days_late": reporting.working_days_late(initiative, timezone.localdate())
        if may_file
        else 0,
        "money": reporting.report_money(initiative),
        "rules": _rules(),
    }
    return render(request, "campaigns/org_report.html", context, status=400 if form.errors else 200)


@require_POST
@access.team_required
def initiative_post_update(request, code: str):
    initiative = _own_initiative(code)
    form = UpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        raise BusinessError(_("Write the update in Arabic."))
    services.initiative_post_update(
        initiative=initiative,
        actor=request.user,
        body_ar=form.cleaned_data["body_ar"],
        body_en=form.cleaned_data.get("body_en", ""),
        photo=form.cleaned_data.get("photo"),
    )
    messages.success(request, _("Update posted."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@access.team_required
def org_export(request, fmt: str):
    response = dashboard.export_response(
        organization_slug=request.organization.slug,
        fmt=fmt,
        right_to_left=request.LANGUAGE_CODE == "ar",
    )
    if response is None:
        raise Http404
    return response
