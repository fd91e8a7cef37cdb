"""The case list, opening a case (by a caseworker or through the public application form), the
case file, and adding people and documents to it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from joud.beneficiaries import access, forms, selectors, services
from joud.beneficiaries.models import Case, CaseAccessLog
from joud.beneficiaries.views.helpers import attempt, case_or_404, client_ip
from joud.core import uploads


def case_form_posted(request, reference, case, form, *, form_key, success, run):
    """A form posted on a case page: run the service with the cleaned data and go back to the case
    with ``success``; an invalid form or a refusal re-renders the case page with the form kept."""
    if form.is_valid() and attempt(form, run, data=form.cleaned_data)[1]:
        messages.success(request, success)
        return redirect("beneficiaries:case_detail", reference=reference)
    return render(
        request,
        "beneficiaries/case_detail.html",
        case_page_context(request, case, **{form_key: form}),
        status=400,
    )


def case_page_context(request, case, **forms_):
    return {
        "case": case,
        "members": case.members.all(),
        "alerts": selectors.alerts_for_case(case),
        "appeals": selectors.appeals_for_case(case),
        "is_admin": access.is_case_admin(request.membership),
        "member_form": forms_.get("member_form") or forms.MemberForm(),
        "document_form": forms_.get("document_form") or forms.DocumentForm(),
        "decision_form": forms_.get("decision_form") or forms.DecisionForm(),
        "appeal_form": forms_.get("appeal_form") or forms.AppealForm(),
        "appeal_decision_form": forms_.get("appeal_decision_form") or forms.AppealDecisionForm(),
        "public": getattr(case, "public", None),
        "debt": getattr(case, "debt", None) if case.category == "debt" else None,
        "debt_form": forms_.get("debt_form") or _debt_form(case),
    }


def _debt_form(case):
    debt = getattr(case, "debt", None) if case.category == "debt" else None
    if debt is None:
        return forms.DebtForm()
    return forms.DebtForm(
        initial={
            "payee": debt.payee,
            "payee_name": debt.payee_name,
            "payee_account": debt.payee_account,
            "amount_owed": debt.amount_owed,
            "court_reference": debt.court_reference,
            "held_for_debt": debt.held_for_debt,
        }
    )


@access.caseworker_required
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
            "open_alerts": selectors.review_counts(request.organization)["open"],
            "is_admin": access.is_case_admin(request.membership),
        },
    )


@access.caseworker_required
def case_new(request):
    form = forms.CaseForm(request.POST or None, initial={"wilayat": request.organization.wilayat})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case, ok = attempt(
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


@access.caseworker_required
def case_detail(request, reference):
    case = case_or_404(reference)
    # Reading a case file is logged even on GET: an audit record, not a change to the case.
    services.access_log_record(
        case=case, user=request.user, action=CaseAccessLog.Action.VIEW, ip=client_ip(request)
    )
    return render(request, "beneficiaries/case_detail.html", case_page_context(request, case))


@access.caseworker_required
@require_POST
def member_add(request, reference):
    case = case_or_404(reference)
    form = forms.MemberForm(request.POST)
    return case_form_posted(
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


@access.caseworker_required
@require_POST
def document_add(request, reference):
    case = case_or_404(reference)
    return case_form_posted(
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


@access.caseworker_required
@require_GET
def document_download(request, reference, document_id):
    """A case document, decrypted, as an attachment of the type its content was sniffed to be;
    never stored by a browser or a proxy (the decorator), and logged like reading the case."""
    case = case_or_404(reference)
    document = get_object_or_404(case.documents.all(), pk=document_id)
    try:
        response = uploads.download_response(document, fallback_name=document.get_kind_display())
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    services.access_log_record(
        case=case, user=request.user, action=CaseAccessLog.Action.DOWNLOAD, ip=client_ip(request)
    )
    return response


def apply(request, org):
    """The public application form of a licensed organization (anyone may apply)."""
    organization = get_object_or_404(selectors.organizations_taking_applications(), slug=org)
    form = forms.CaseForm(request.POST or None, initial={"wilayat": organization.wilayat})
    form.fields["kind"].initial = Case.Kind.HOUSEHOLD
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case, ok = attempt(
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


@access.caseworker_required
@require_POST
def debt_save(request, reference):
    """Debt relief: who is owed (the creditor or the court, its account) and how much."""
    case = case_or_404(reference)
    return case_form_posted(
        request,
        reference,
        case,
        forms.DebtForm(request.POST),
        form_key="debt_form",
        success=_("Debt recorded."),
        run=lambda data: services.debt_record(case=case, actor=request.user, **data),
    )


@access.caseworker_required
@require_POST
def document_verify(request, reference, document_id):
    """A caseworker checked the document against the original."""
    case = case_or_404(reference)
    document = get_object_or_404(case.documents, pk=document_id)
    services.document_verify(document=document, actor=request.user)
    messages.success(request, _("Document marked as verified."))
    return redirect("beneficiaries:case_detail", reference=reference)
