"""The licence application: apply, follow it, and correct it when the ministry asks.

(The organization's public page lists its initiatives, so ``joud.campaigns`` serves it.)
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.organizations import selectors, services
from joud.organizations.forms import ApplicationForm
from joud.organizations.models import Organization, OrganizationDocument


def _documents(form) -> dict:
    return {
        OrganizationDocument.Kind.REGISTRATION: form.cleaned_data.get("registration"),
        OrganizationDocument.Kind.BYLAWS: form.cleaned_data.get("bylaws"),
    }


@login_required
def apply(request):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.organization_apply(
                user=request.user, data=form.cleaned_data, documents=_documents(form)
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request,
                _("Application sent. The ministry answers within the working days shown below."),
            )
            return redirect("organizations:application", slug=org.slug)
    return render(
        request,
        "organizations/apply.html",
        {"form": form, "applications": selectors.my_applications(request.user)},
    )


@login_required
def application(request, slug: str):
    """The applicant follows the application; after 'changes requested' corrects and resends."""
    org = selectors.application_of(request.user, slug)  # only its administrator sees it
    if org is None:
        raise Http404
    can_resubmit = org.status == Organization.Status.CHANGES_REQUESTED
    form = None
    if can_resubmit:
        form = ApplicationForm(
            request.POST or None, request.FILES or None, instance=org, resubmission=True
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.organization_resubmit(
                    organization=Organization.objects.get(pk=org.pk),
                    user=request.user,
                    data=form.cleaned_data,
                    documents=_documents(form),
                )
            except BusinessError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                messages.success(request, _("Application sent again to the ministry."))
                return redirect("organizations:application", slug=org.slug)
    return render(
        request,
        "organizations/application.html",
        {"organization": org, "form": form, "documents": selectors.documents_of(org)},
    )
