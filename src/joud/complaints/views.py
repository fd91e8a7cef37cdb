"""“Report this appeal”: anyone may tell the ministry about an appeal or an organization, without
signing in. Rate-limited per address on the shared cache (``access``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from joud.complaints import access, selectors, services
from joud.complaints.forms import ComplaintForm
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled


def new(request, subject: str, key: str):
    with scopes_disabled():
        target = selectors.complaint_target(subject, key)
    if target is None:
        raise Http404
    organization, initiative = target
    back = initiative.get_absolute_url() if initiative else organization_url(organization)
    form = ComplaintForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if access.rate_limited(request):
            form.add_error(None, _("Too many reports from this connection. Try again in an hour."))
            status = 429
        elif form.is_valid():
            try:
                with scopes_disabled():
                    complaint = services.complaint_file(
                        organization=organization,
                        initiative=initiative,
                        reason=form.cleaned_data["reason"],
                        details=form.cleaned_data["details"],
                        contact=form.cleaned_data.get("contact", ""),
                    )
            except BusinessError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                access.count_complaint(request)
                messages.success(
                    request,
                    _("Thank you. The ministry received your report (reference %(ref)s).")
                    % {"ref": complaint.reference},
                )
                return redirect(back)
        if form.errors and status == 200:
            status = 400
    context = {
        "form": form,
        "organization": organization,
        "initiative": initiative,
        "back": back,
    }
    return render(request, "complaints/new.html", context, status=status)


def organization_url(organization) -> str:
    return reverse("campaigns:organization", args=[organization.slug])
