"""The organization's public profile and the licence application."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from joud.campaigns import selectors as campaign_selectors
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.organizations import services
from joud.organizations.forms import ApplicationForm
from joud.organizations.models import Membership, Organization, OrganizationDocument


@require_GET
def profile(request, slug: str):
    with scopes_disabled():
        org = campaign_selectors.organization_public(slug)
        if org is None:
            raise Http404
        initiatives = campaign_selectors.organization_public_initiatives(org)
    return render(
        request,
        "organizations/profile.html",
        {
            "organization": org,
            "live": initiatives.live,
            "finished": initiatives.finished,
            "live_total": initiatives.live_total,
            "finished_total": initiatives.finished_total,
        },
    )


def _documents(form) -> dict:
    return {
        OrganizationDocument.Kind.REGISTRATION: form.cleaned_data.get("registration"),
        OrganizationDocument.Kind.BYLAWS: form.cleaned_data.get("bylaws"),
    }


def _my_applications(user):
    return list(
        Organization.objects.filter(
            memberships__user=user,
            memberships__role=Membership.Role.ADMIN,
            memberships__is_active=True,
        ).order_by("-created_at")
    )


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
        {"form": form, "applications": _my_applications(request.user)},
    )


@login_required
def application(request, slug: str):
    """The applicant follows the application; after 'changes requested' corrects and resends."""
    org = Organization.objects.filter(
        slug=slug,
        memberships__user=request.user,
        memberships__role=Membership.Role.ADMIN,
        memberships__is_active=True,
    ).first()
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
    with scopes_disabled():
        documents = list(OrganizationDocument.objects.filter(organization=org))
    return render(
        request,
        "organizations/application.html",
        {"organization": org, "form": form, "documents": documents},
    )
