"""Exporting a case file (with a recorded reason) and reading the access log."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from joud.beneficiaries import access, forms, selectors, services
from joud.beneficiaries.views.helpers import attempt, case_or_404, client_ip


@access.caseworker_required
def export(request, reference):
    case = case_or_404(reference)
    form = forms.ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text, ok = attempt(
            form,
            services.case_export,
            case=case,
            user=request.user,
            reason=form.cleaned_data["reason"],
            ip=client_ip(request),
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


@access.case_admin_required
def access_log(request):
    page = Paginator(selectors.access_log_for(request.organization), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "beneficiaries/access_log.html", {"page": page})


@access.ministry_reviewer_required
def ministry_access_log(request):
    page = Paginator(selectors.access_log_for(), 50).get_page(request.GET.get("page"))
    return render(request, "beneficiaries/access_log.html", {"page": page, "ministry": True})
