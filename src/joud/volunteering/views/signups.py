"""Signing up for a shift, cancelling, and the guardian's consent page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.core.errors import BusinessError
from joud.volunteering import access, selectors, services
from joud.volunteering.forms import ApplyForm
from joud.volunteering.models import ADULT_AGE, Application
from joud.volunteering.views.common import form_error


@login_required
def apply(request, pk: int):
    shift = selectors.shift_public(pk)
    if not access.is_public_shift(shift):
        raise Http404
    profile = selectors.profile_of(request.user)
    if profile is None or profile.date_of_birth is None:
        messages.info(request, _("First tell us a little about yourself."))
        return redirect(f"{reverse('volunteering:profile_edit')}?next={request.path}")
    age = profile.age_on(shift.local_date)
    is_minor = age is not None and age < ADULT_AGE
    form = ApplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.shift_apply(
                shift=shift,
                volunteer=request.user,
                guardian_name=form.cleaned_data["guardian_name"],
                guardian_phone=form.cleaned_data["guardian_phone"],
            )
        except BusinessError as exc:
            form_error(form, exc)
        else:
            text = {
                Application.Status.ACCEPTED: _("You are in! We will remind you the day before."),
                Application.Status.WAITLISTED: _(
                    "The shift is full: you are on the waiting list and we will tell you if a "
                    "place opens."
                ),
                Application.Status.PENDING_CONSENT: _(
                    "We sent your guardian an SMS. Your place is confirmed when they agree."
                ),
            }[application.status]
            messages.success(request, text)
            return redirect("volunteering:me")
    return render(
        request,
        "volunteering/apply.html",
        {"shift": shift, "form": form, "is_minor": is_minor, "age": age},
    )


@login_required
@require_POST
def cancel(request, pk: int):
    application = selectors.signup(pk)
    if not access.is_own_application(request.user, application):
        raise Http404
    services.application_cancel(application=application, actor=request.user)
    messages.success(request, _("Your sign-up is cancelled. Thank you for letting us know."))
    return redirect("volunteering:me")


def consent(request, token: str):
    """The guardian's page, opened from the SMS link: no account needed."""
    application = access.consent_application(token)
    if request.method == "POST" and application is not None:
        approve = request.POST.get("answer") == "approve"
        try:
            application = services.consent_decide(token=token, approve=approve)
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("Thank you: your consent is recorded.")
                if approve
                else _("Thank you: we told them you did not agree."),
            )
        return redirect("volunteering:consent", token=token)
    return render(
        request,
        "volunteering/consent.html",
        {"application": application, "token": token},
        status=200 if application else 404,
    )


@access.coordinator_required
@require_POST
def cancel_signup(request, org: str, pk: int):
    application = get_object_or_404(selectors.organization_signups(), pk=pk)
    services.application_cancel(application=application, actor=request.user)
    messages.success(request, _("Sign-up cancelled."))
    return redirect("volunteering:roster", org=org, pk=application.shift_id)
