"""A case's personal data: the beneficiary's consents recorded by the caseworker (signed paper
scanned, or a code by SMS), the beneficiary's rights requests answered through the association,
and the household's health information read or recorded with a reason."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from joud.beneficiaries import access, forms, services
from joud.beneficiaries.views.helpers import attempt, case_or_404, client_ip
from joud.core.errors import BusinessError
from joud.core.uploads import checked_document
from joud.privacy import selectors as privacy_selectors
from joud.privacy.models import RightsRequest
from joud.privacy.registry import DataSubject
from joud.privacy.services import consent_record
from joud.privacy.services.rights import (
    person_data,
    rights_request_answer,
    rights_request_open,
)


def _subject(case) -> DataSubject:
    return DataSubject(organization=case.organization, case_reference=case.reference)


def _record(*, upload, **kwargs):
    scan = checked_document(upload, field="scan")[0] if upload else None
    return consent_record(scan=scan, **kwargs)


@access.caseworker_required
def case_privacy(request, reference):
    case = case_or_404(reference)
    subject = _subject(case)
    consent_form = forms.CaseConsentForm(request.POST or None, request.FILES or None)
    request_form = forms.CaseRightsRequestForm(prefix="r")
    if request.method == "POST" and consent_form.is_valid():
        data = consent_form.cleaned_data
        _consent, ok = attempt(
            consent_form,
            _record,
            upload=data.get("scan"),
            subject=subject,
            purpose=data["purpose"],
            method=data["method"],
            language=data["language"],
            recorded_by=request.user,
            evidence=data["evidence"],
            is_minor=data["is_minor"],
            guardian_name=data["guardian_name"],
            guardian_phone=data["guardian_phone"],
        )
        if ok:
            messages.success(request, _("The consent is recorded."))
            return redirect("beneficiaries:case_privacy", reference=case.reference)
    return render(
        request,
        "beneficiaries/case_privacy.html",
        {
            "case": case,
            "consent_form": consent_form,
            "request_form": request_form,
            "consents": privacy_selectors.consents_of(subject),
            "requests": _requests(subject),
        },
    )


def _requests(subject) -> list:
    """The beneficiary's requests, each named as the caseworker reads it ("see their data",
    not the person's own "see my data")."""
    labels = dict(forms.CaseRightsRequestForm.base_fields["kind"].choices)
    rows = list(privacy_selectors.requests_of(subject))
    for row in rows:
        row.label = labels.get(row.kind) or row.get_kind_display()
    return rows


@access.caseworker_required
def case_rights_request(request, reference):
    case = case_or_404(reference)
    form = forms.CaseRightsRequestForm(request.POST or None, prefix="r")
    if request.method == "POST" and form.is_valid():
        rights_request_open(
            subject=_subject(case),
            kind=form.cleaned_data["kind"],
            details=form.cleaned_data["details"],
            recorded_by=request.user,
        )
        messages.success(request, _("The request is recorded with its deadline."))
    return redirect("beneficiaries:case_privacy", reference=case.reference)


@access.caseworker_required
def case_rights_answer(request, reference, request_id: int):
    """Answer a beneficiary's access request: the case's data as JSON, logged as an export."""
    case = case_or_404(reference)
    subject = _subject(case)
    asked = privacy_selectors.requests_of(subject).filter(pk=request_id).first()
    if asked is None or request.method != "POST":
        return redirect("beneficiaries:case_privacy", reference=case.reference)
    try:
        services.access_log_record(
            case=case,
            user=request.user,
            action="export",
            reason=_("Answer to the beneficiary's access request"),
            ip=client_ip(request),
        )
        text = json.dumps(person_data(subject), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        rights_request_answer(
            request=asked,
            answer=request.POST.get("answer", "")
            or _("The case's data was handed to the beneficiary."),
            handled_by=request.user,
        )
    except BusinessError as exc:
        messages.error(request, str(exc.message))
        return redirect("beneficiaries:case_privacy", reference=case.reference)
    if asked.kind in (RightsRequest.Kind.ACCESS, RightsRequest.Kind.EXPORT):
        response = HttpResponse(text, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{case.reference}-data.json"'
        return response
    messages.success(request, _("The answer is recorded."))
    return redirect("beneficiaries:case_privacy", reference=case.reference)


@access.caseworker_required
def case_health(request, reference):
    """Health information: only the case's caseworkers, each read or write with its reason."""
    case = case_or_404(reference)
    if not access.may_read_health(request.user, case):
        return render(
            request, "beneficiaries/health.html", {"case": case, "refused": True}, status=403
        )
    form = forms.HealthForm(request.POST or None, case=case)
    shown = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["person"] and request.POST.get("write"):
            attempt(
                form,
                services.health_set,
                person=data["person"],
                user=request.user,
                condition=data["condition"],
                reason=data["reason"],
                ip=client_ip(request),
            )
        shown, _ok = attempt(
            form,
            services.health_read,
            case=case,
            user=request.user,
            reason=data["reason"],
            ip=client_ip(request),
        )
    members = list(case.members.all())
    return render(
        request,
        "beneficiaries/health.html",
        {"case": case, "form": form, "shown": shown, "members": members},
    )
