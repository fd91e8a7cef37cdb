"""The privacy notice, a person's own data (see, download, correct, consents, erase, object) and
the breach register. Thin: each view calls a service or selector."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.core.errors import BusinessError
from joud.organizations.models import Organization
from joud.privacy import access, selectors, services
from joud.privacy.forms import BreachForm, EraseForm, RectifyForm
from joud.privacy.models import Breach, Consent, LegalBasis
from joud.privacy.registry import DataSubject
from joud.privacy.services import breaches as breach_services
from joud.privacy.services import rights


def notice(request):
    """The privacy notice, generated from the register of processing."""
    return render(
        request,
        "privacy/notice.html",
        {
            "rows": selectors.register_rows(),
            "purposes": selectors.consent_purposes(),
            "bases": LegalBasis,
        },
    )


def _subject(request) -> DataSubject:
    return DataSubject.of_user(request.user)


@login_required
def my_data(request):
    subject = _subject(request)
    return render(
        request,
        "privacy/my_data.html",
        {
            "data": rights.person_data(subject),
            "purposes": selectors.own_consent_purposes(),
            "all_purposes": selectors.all_purposes(),
            "active": selectors.active_purpose_codes(subject),
            "requests": selectors.requests_of(subject),
            "rectify": RectifyForm(
                initial={"full_name": request.user.full_name, "language": request.user.language}
            ),
            "erase": EraseForm(),
        },
    )


@login_required
@require_POST
def my_data_download(request):
    _request, text = rights.person_export(subject=_subject(request), actor=request.user)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-joud-data.json"'
    return response


@login_required
@require_POST
def consent_change(request):
    subject, purpose = _subject(request), request.POST.get("purpose", "")
    try:
        if request.POST.get("action") == "give":
            services.consent_record(
                subject=subject,
                purpose=purpose,
                method=Consent.Method.WEB,
                language=request.LANGUAGE_CODE,
            )
            messages.success(request, _("Your consent is recorded."))
        else:
            services.consent_withdraw(subject=subject, purpose=purpose, actor=request.user)
            messages.success(request, _("Your consent is withdrawn; its effect is applied."))
    except BusinessError as exc:
        messages.error(request, str(exc.message))
    return redirect("privacy:my_data")


@login_required
@require_POST
def rectify(request):
    form = RectifyForm(request.POST)
    if form.is_valid():
        try:
            rights.person_rectify(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your data was corrected."))
        except BusinessError as exc:
            messages.error(request, str(exc.message))
    else:
        messages.error(request, _("Check the name and the language."))
    return redirect("privacy:my_data")


@login_required
@require_POST
def object_to(request):
    try:
        rights.person_object(
            subject=_subject(request),
            purpose=request.POST.get("purpose", ""),
            details=request.POST.get("details", "")[:2000],
            actor=request.user,
        )
        messages.success(request, _("Your objection is recorded."))
    except BusinessError as exc:
        messages.error(request, str(exc.message))
    return redirect("privacy:my_data")


@login_required
def erase(request):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answered = rights.person_erase(
            subject=_subject(request), details=form.cleaned_data["details"], actor=request.user
        )
        logout(request)
        return render(request, "privacy/erased.html", {"answered": answered})
    return render(request, "privacy/erase.html", {"form": form})


@login_required
def breaches(request):
    orgs, platform = access.breach_organizations(request.user)
    if not (orgs or platform):
        raise PermissionDenied
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = None
        if not platform:
            organization = Organization.objects.get(pk=orgs[0])
        try:
            breach = breach_services.breach_record(
                title=data["title"],
                description=data["description"],
                data_affected=data["data_affected"],
                people_affected=data["people_affected"],
                measures=data["measures"],
                discovered_at=data["discovered_at"],
                organization=organization,
                recorded_by=request.user,
            )
            return redirect("privacy:breach", breach_id=breach.pk)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
    rows = selectors.breaches_for(orgs, platform)
    return render(
        request,
        "privacy/breaches.html",
        {"form": form, "rows": rows, "hours": settings.JOUD_BREACH_AUTHORITY_HOURS},
    )


@login_required
def breach_detail(request, breach_id: int):
    breach = Breach.objects.filter(pk=breach_id).select_related("organization").first()
    if breach is None or not access.may_handle_breach(request.user, breach):
        raise Http404
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "authority":
                breach_services.breach_notify_authority(breach=breach, actor=request.user)
            elif step == "close":
                breach_services.breach_close(
                    breach=breach, measures=request.POST.get("measures", ""), actor=request.user
                )
            messages.success(request, _("Done."))
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        return redirect("privacy:breach", breach_id=breach.pk)
    return render(request, "privacy/breach.html", {"breach": breach})
