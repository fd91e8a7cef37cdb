"""Assessing a case, deciding it, and recording and deciding an appeal."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.beneficiaries import access, forms, selectors, services
from joud.beneficiaries.views.cases import case_form_posted
from joud.beneficiaries.views.helpers import attempt, case_or_404


@access.caseworker_required
def assess(request, reference):
    case = case_or_404(reference)
    form = forms.AssessmentForm(request.POST or None, category=case.category)
    if request.method == "POST" and form.is_valid():
        answers = {k: v for k, v in form.cleaned_data.items() if k != "notes"}
        assessment, ok = attempt(
            form,
            services.assessment_record,
            case=case,
            actor=request.user,
            category=case.category,
            answers=answers,
            notes=form.cleaned_data["notes"],
        )
        if ok:
            if assessment.eligible:
                messages.success(request, _("Assessment recorded: eligible."))
            else:
                messages.warning(request, _("Assessment recorded: not eligible."))
            return redirect("beneficiaries:case_detail", reference=reference)
    return render(
        request,
        "beneficiaries/form_page.html",
        {"form": form, "title": _("Eligibility assessment"), "case": case},
    )


@access.caseworker_required
@require_POST
def decide(request, reference):
    case = case_or_404(reference)
    return case_form_posted(
        request,
        reference,
        case,
        forms.DecisionForm(request.POST),
        form_key="decision_form",
        success=_("Decision recorded."),
        run=lambda data: services.case_decide(
            case=case, actor=request.user, outcome=data["outcome"], reason=data["reason"]
        ),
    )


@access.caseworker_required
@require_POST
def appeal(request, reference):
    case = case_or_404(reference)
    return case_form_posted(
        request,
        reference,
        case,
        forms.AppealForm(request.POST),
        form_key="appeal_form",
        success=_("Appeal recorded."),
        run=lambda data: services.appeal_record(
            case=case, actor=request.user, grounds=data["grounds"]
        ),
    )


@access.case_admin_required
@require_POST
def appeal_decide(request, reference, appeal_id):
    case = case_or_404(reference)
    appeal_obj = get_object_or_404(selectors.appeals_for_case(case), pk=appeal_id)
    return case_form_posted(
        request,
        reference,
        case,
        forms.AppealDecisionForm(request.POST),
        form_key="appeal_decision_form",
        success=_("Appeal decided."),
        run=lambda data: services.appeal_decide(
            appeal=appeal_obj,
            actor=request.user,
            upheld=data["upheld"] == "1",
            reason=data["reason"],
        ),
    )
