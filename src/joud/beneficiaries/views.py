"""Thin views for cases: caseworkers, organization admins, the ministry and the public."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.accounts.permissions import ministry_required
from joud.beneficiaries import forms, selectors, services
from joud.beneficiaries.models import (
    Appeal,
    Case,
    CaseAccessLog,
    DuplicateAlert,
    InKindOffer,
    Person,
    PublicCase,
)
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.organizations.access import organization_member_required
from joud.organizations.models import Organization

CASEWORK = ("caseworker", "admin")


def _ip(request):
    return request.META.get("REMOTE_ADDR")


def _case_action(request, reference, case, form, *, form_key, success, run):
    """A form posted on a case page: run the service with the cleaned data and go back to the case
    with ``success``; an invalid form or a refusal re-renders the case page with the form kept."""
    if form.is_valid() and _attempt(form, run, data=form.cleaned_data)[1]:
        messages.success(request, success)
        return redirect("beneficiaries:case_detail", reference=reference)
    return render(
        request,
        "beneficiaries/case_detail.html",
        _detail_context(request, case, **{form_key: form}),
        status=400,
    )


def _attempt(form, fn, **kwargs):
    """Run a service; a BusinessError becomes a form error (the form keeps its data)."""
    try:
        return fn(**kwargs), True
    except BusinessError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return None, False


def _case_or_404(reference):
    try:
        return selectors.case_file(reference=reference)
    except Case.DoesNotExist as exc:  # other organizations' cases are invisible, not forbidden
        raise Http404 from exc


# --- caseworkers --------------------------------------------------------------------------------


@organization_member_required(*CASEWORK)
def case_list(request):
    status = request.GET.get("status", "")
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.case_list(status=status, query=query), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "beneficiaries/case_list.html",
        {
            "page": page,
            "status": status,
            "q": query,
            "statuses": Case.Status.choices,
            "open_alerts": selectors.alerts_for_organization(request.organization).count(),
            "is_admin": request.membership.role == "admin",
        },
    )


@organization_member_required(*CASEWORK)
def case_new(request):
    form = forms.CaseForm(request.POST or None, initial={"wilayat": request.organization.wilayat})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case, ok = _attempt(
            form,
            services.case_create,
            organization=request.organization,
            actor=request.user,
            kind=data["kind"],
            category=data["category"],
            wilayat=data["wilayat"],
            monthly_income=data["household_income"],
            needs=data["needs"],
            consent_given=data["consent_given"],
            applicant=form.person_data(),
        )
        if ok:
            messages.success(request, _("Case %(ref)s recorded.") % {"ref": case.reference})
            return redirect("beneficiaries:case_detail", reference=case.reference)
    return render(
        request,
        "beneficiaries/form_page.html",
        {"form": form, "title": _("New case"), "consent_text": services.CONSENT_TEXT},
    )


@organization_member_required(*CASEWORK)
def case_detail(request, reference):
    case = _case_or_404(reference)
    services.access_log_record(
        case=case, user=request.user, action=CaseAccessLog.Action.VIEW, ip=_ip(request)
    )
    return render(request, "beneficiaries/case_detail.html", _detail_context(request, case))


def _detail_context(request, case, **forms_):
    return {
        "case": case,
        "members": case.members.all(),
        "alerts": selectors.alerts_for_case(case),
        "appeals": Appeal.objects.filter(case=case).order_by("-created_at"),
        "is_admin": request.membership.role == "admin",
        "member_form": forms_.get("member_form") or forms.MemberForm(),
        "document_form": forms_.get("document_form") or forms.DocumentForm(),
        "decision_form": forms_.get("decision_form") or forms.DecisionForm(),
        "appeal_form": forms_.get("appeal_form") or forms.AppealForm(),
        "appeal_decision_form": forms_.get("appeal_decision_form") or forms.AppealDecisionForm(),
        "public": getattr(case, "public", None),
    }


@organization_member_required(*CASEWORK)
@require_POST
def member_add(request, reference):
    case = _case_or_404(reference)
    form = forms.MemberForm(request.POST)
    return _case_action(
        request,
        reference,
        case,
        form,
        form_key="member_form",
        success=_("Member added."),
        run=lambda data: services.person_add(
            case=case,
            actor=request.user,
            relation=data["relation"],
            **{k: v for k, v in form.person_data().items() if k != "relation"},
        ),
    )


@organization_member_required(*CASEWORK)
@require_POST
def document_add(request, reference):
    case = _case_or_404(reference)
    return _case_action(
        request,
        reference,
        case,
        forms.DocumentForm(request.POST, request.FILES),
        form_key="document_form",
        success=_("Document uploaded."),
        run=lambda data: services.document_add(
            case=case,
            actor=request.user,
            kind=data["kind"],
            file=data["file"],
            note=data["note"],
        ),
    )


@organization_member_required(*CASEWORK)
def assess(request, reference):
    case = _case_or_404(reference)
    form = forms.AssessmentForm(request.POST or None, category=case.category)
    if request.method == "POST" and form.is_valid():
        answers = {k: v for k, v in form.cleaned_data.items() if k != "notes"}
        assessment, ok = _attempt(
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


@organization_member_required(*CASEWORK)
@require_POST
def decide(request, reference):
    case = _case_or_404(reference)
    return _case_action(
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


@organization_member_required(*CASEWORK)
@require_POST
def appeal(request, reference):
    case = _case_or_404(reference)
    return _case_action(
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


@organization_member_required("admin")
@require_POST
def appeal_decide(request, reference, appeal_id):
    case = _case_or_404(reference)
    appeal_obj = get_object_or_404(Appeal, pk=appeal_id, case=case)
    return _case_action(
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


@organization_member_required(*CASEWORK)
def export(request, reference):
    case = _case_or_404(reference)
    form = forms.ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text, ok = _attempt(
            form,
            services.case_export,
            case=case,
            user=request.user,
            reason=form.cleaned_data["reason"],
            ip=_ip(request),
        )
        if ok:
            response = HttpResponse(text, content_type="text/plain; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{case.reference}.txt"'
            return response
    return render(
        request,
        "beneficiaries/form_page.html",
        {"form": form, "title": _("Export the case file"), "case": case},
    )


@organization_member_required(*CASEWORK)
def publish(request, reference):
    case = _case_or_404(reference)
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        public, ok = _attempt(
            form, services.public_case_publish, case=case, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("The case is published for giving."))
            return redirect("beneficiaries:public_case", code=public.code)
    return render(
        request,
        "beneficiaries/form_page.html",
        {"form": form, "title": _("Publish for giving"), "case": case},
    )


@organization_member_required("admin")
def access_log(request):
    page = Paginator(selectors.access_log_for(request.organization), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "beneficiaries/access_log.html", {"page": page})


@organization_member_required(*CASEWORK)
def duplicates(request):
    status = request.GET.get("status", DuplicateAlert.Status.OPEN)
    alerts = selectors.alerts_for_organization(request.organization, status=status)
    return render(
        request,
        "beneficiaries/duplicates.html",
        {
            "pairs": selectors.group_alerts_by_case_pair(alerts[:300]),
            "status": status,
            "statuses": DuplicateAlert.Status.choices,
            "organization": request.organization,
        },
    )


def _own_side(alert, organization):
    """The person of ``organization`` in the pair (the other side stays hidden)."""
    with scopes_disabled():
        if alert.organization_a_id == organization.pk:
            return Person.objects.select_related("case").get(pk=alert.person_a_id)
        return Person.objects.select_related("case").get(pk=alert.person_b_id)


@organization_member_required(*CASEWORK)
def duplicate_detail(request, alert_id):
    alert = get_object_or_404(
        selectors.alerts_for_organization(request.organization, status=""), pk=alert_id
    )
    mine = _own_side(alert, request.organization)
    services.access_log_record(
        case=mine.case,
        user=request.user,
        action=CaseAccessLog.Action.DUPLICATE_REVIEW,
        ip=_ip(request),
    )
    return _duplicate_page(request, alert, mine)


def _duplicate_page(request, alert, mine):
    form = forms.DuplicateDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _result, ok = _attempt(
            form,
            services.duplicate_decide,
            alert=alert,
            actor=request.user,
            same_person=form.cleaned_data["same_person"] == "1",
            note=form.cleaned_data["note"],
        )
        if ok:
            messages.success(request, _("Decision recorded."))
            return redirect(request.path)
    siblings = DuplicateAlert.objects.filter(case_a=alert.case_a, case_b=alert.case_b).exclude(
        pk=alert.pk
    )
    return render(
        request,
        "beneficiaries/duplicate_detail.html",
        {
            "alert": alert,
            "mine": mine,
            "form": form,
            "evidence": _evidence(alert),
            "same_cases": siblings,
            "detail_url": "beneficiaries:duplicate_detail"
            if mine
            else "beneficiaries:ministry_duplicate",
        },
    )


def _evidence(alert):
    labels = {
        "given": _("Given name"),
        "father": _("Father's name"),
        "grandfather": _("Grandfather's name"),
        "family": _("Family name"),
        "birth_date": _("Date of birth"),
        "phone": _("Phone (blind index)"),
        "civil_id": _("Civil ID (blind index)"),
        "wilayat": _("Wilayat"),
    }
    rows = []
    for key, label in labels.items():
        value = alert.evidence.get(key)
        if key in ("phone", "civil_id", "wilayat"):
            state = "agree" if value else "unknown"
        elif value is None or value == 0:
            state = "unknown"
        else:
            state = "agree" if value > 0 else "disagree"
        rows.append({"label": label, "state": state, "weight": value})
    return rows


# --- ministry -----------------------------------------------------------------------------------


@ministry_required
def ministry_overview(request):
    context = selectors.ministry_overview()
    context["alerts"] = DuplicateAlert.objects.filter(
        status=DuplicateAlert.Status.OPEN
    ).select_related("organization_a", "organization_b")[:50]
    return render(request, "beneficiaries/ministry.html", context)


@ministry_required
def ministry_duplicate(request, alert_id):
    alert = get_object_or_404(DuplicateAlert, pk=alert_id)
    return _duplicate_page(request, alert, None)


@ministry_required
def ministry_access_log(request):
    page = Paginator(selectors.access_log_for(), 50).get_page(request.GET.get("page"))
    return render(request, "beneficiaries/access_log.html", {"page": page, "ministry": True})


# --- in kind (organization side) ----------------------------------------------------------------


@organization_member_required(*CASEWORK)
def offers(request):
    if request.method == "POST":
        offer = get_object_or_404(
            selectors.offers_for_organization(request.organization), pk=request.POST.get("offer")
        )
        try:
            services.inkind_advance(offer=offer, actor=request.user, to=request.POST.get("to", ""))
            messages.success(request, _("Offer updated."))
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        return redirect("beneficiaries:offers")
    return render(
        request,
        "beneficiaries/offers.html",
        {
            "offers": selectors.offers_for_organization(request.organization)[:100],
            "transitions": services.INKIND_TRANSITIONS,
            "Status": InKindOffer.Status,
        },
    )


# --- the public ---------------------------------------------------------------------------------


def apply(request, org):
    organization = get_object_or_404(Organization, slug=org, status=Organization.Status.ACTIVE)
    form = forms.CaseForm(request.POST or None, initial={"wilayat": organization.wilayat})
    form.fields["kind"].initial = Case.Kind.HOUSEHOLD
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case, ok = _attempt(
            form,
            services.case_create,
            organization=organization,
            actor=request.user,
            kind=data["kind"],
            category=data["category"],
            wilayat=data["wilayat"],
            monthly_income=data["household_income"],
            needs=data["needs"],
            consent_given=data["consent_given"],
            applicant=form.person_data(),
            source=Case.Source.INTAKE,
        )
        if ok:
            return render(
                request,
                "beneficiaries/apply_done.html",
                {"organization": organization, "reference": case.reference},
            )
    return render(
        request,
        "beneficiaries/form_page.html",
        {
            "form": form,
            "title": _("Apply for help"),
            "organization": organization,
            "consent_text": services.CONSENT_TEXT,
            "public_form": True,
        },
    )


def public_list(request):
    return render(request, "beneficiaries/public_list.html", {"cases": selectors.public_cases()})


def public_case(request, code):
    try:
        pc = selectors.public_case(code)
    except PublicCase.DoesNotExist as exc:
        raise Http404 from exc
    if pc.status == PublicCase.Status.CLOSED:
        raise Http404
    try:  # the money flow (donations app) provides this page; show the link only if it exists
        give_url = reverse("donations:give_case", kwargs={"code": pc.code})
    except NoReverseMatch:
        give_url = ""
    form = forms.InKindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _result, ok = _attempt(form, services.inkind_offer, public_case=pc, **form.cleaned_data)
        if ok:
            messages.success(request, _("Thank you. The organization will contact you."))
            return redirect("beneficiaries:public_case", code=code)
    return render(
        request,
        "beneficiaries/public_case.html",
        {"pc": pc, "give_url": give_url, "form": form, "needs": pc.needed_items.splitlines()},
    )
