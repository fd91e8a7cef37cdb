"""Certificates: requesting one, its PDF, and the public verification page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from joud.core.errors import BusinessError
from joud.volunteering import access, selectors, services, tokens
from joud.volunteering.forms import CertificateForm
from joud.volunteering.models import minutes_as_hours
from joud.volunteering.pdf import render_certificate
from joud.volunteering.views.common import absolute


@login_required
@require_POST
def certificate_request(request):
    form = CertificateForm(request.POST)
    if not form.is_valid():
        raise BusinessError(_("Choose a certificate to issue."))
    opportunity = None
    if form.cleaned_data.get("opportunity"):
        opportunity = get_object_or_404(
            selectors.opportunities_everywhere(), pk=form.cleaned_data["opportunity"]
        )
    certificate = services.certificate_issue(
        volunteer=request.user,
        opportunity=opportunity,
        year=form.cleaned_data.get("year") if opportunity is None else None,
        language=form.cleaned_data["language"],
    )
    return redirect("volunteering:certificate_pdf", code=certificate.code)


def _verify_url(request, certificate) -> str:
    token = tokens.certificate_token(certificate.content, certificate.signature)
    return absolute(request, reverse("volunteering:certificate_verify", args=[token]))


@login_required
@require_GET
def certificate_pdf(request, code: str):
    certificate = selectors.certificate_by_code(code)
    if not access.is_own_certificate(request.user, certificate):
        raise Http404
    data = render_certificate(certificate, verify_url=_verify_url(request, certificate))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="joud-certificate-{certificate.code}.pdf"'
    return response


@require_GET
def certificate_verify(request, token: str):
    result = selectors.certificate_verify(token)
    content = result.certificate.content if result.certificate else {}
    return render(
        request,
        "volunteering/verify.html",
        {
            "result": result,
            "content": content,
            "hours": minutes_as_hours(content.get("minutes", 0)),
        },
    )
