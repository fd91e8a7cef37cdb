"""Thin views: read through selectors, write through services, show BusinessError as a message."""

from __future__ import annotations

import csv

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from joud.accounts.models import User
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import format_number
from joud.core.tenancy import scopes_disabled
from joud.organizations.access import organization_member_required
from joud.volunteering import cards, selectors, services, tokens
from joud.volunteering.forms import (
    ApplyForm,
    ApproveHoursForm,
    CapacityForm,
    CertificateForm,
    DisputeForm,
    MessageForm,
    OpportunityFilterForm,
    OpportunityForm,
    ProfileForm,
    ResolveDisputeForm,
    ShiftForm,
)
from joud.volunteering.models import (
    ADULT_AGE,
    Application,
    HoursDispute,
    Opportunity,
    Shift,
    VolunteerProfile,
)

COORDINATORS = ("coordinator", "admin")


def _lang() -> str:
    return (get_language() or "ar").split("-")[0]


def qr_svg(url: str, *, scale: int = 6) -> str:
    return mark_safe(  # noqa: S308 - segno writes the SVG from the URL's bits, no markup passes
        segno.make(url, error="m").svg_inline(scale=scale, dark="#0b6e4f", border=2)
    )


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def _form_error(form, exc: BusinessError) -> None:
    field = exc.field if exc.field in getattr(form, "fields", {}) else None
    form.add_error(field, str(exc.message))


# Volunteers ----------------------------------------------------------------------------------


@require_GET
def home(request):
    form = OpportunityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    opportunities = selectors.open_opportunities(
        wilayat=filters.get("wilayat"), skill=filters.get("skill", ""), query=filters.get("q", "")
    )
    return render(
        request,
        "volunteering/home.html",
        {"form": form, "opportunities": opportunities},
    )


@require_GET
def opportunity_detail(request, pk: int):
    found = selectors.opportunity_public(pk, user=request.user)
    if found is None:
        raise Http404
    opportunity, shifts = found
    profile = (
        VolunteerProfile.objects.filter(user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "volunteering/opportunity.html",
        {"opportunity": opportunity, "shifts": shifts, "profile": profile},
    )


@login_required
def apply(request, pk: int):
    shift = selectors.shift_public(pk)
    if shift is None or shift.opportunity.status == Opportunity.Status.DRAFT:
        raise Http404
    profile = VolunteerProfile.objects.filter(user=request.user).first()
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
            _form_error(form, exc)
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
    application = selectors.application_of(request.user, pk)
    if application is None:
        raise Http404
    services.application_cancel(application=application, actor=request.user)
    messages.success(request, _("Your sign-up is cancelled. Thank you for letting us know."))
    return redirect("volunteering:me")


@login_required
def dispute(request, pk: int):
    application = selectors.application_of(request.user, pk)
    if application is None:
        raise Http404
    form = DisputeForm(
        request.POST or None,
        initial={"claimed_minutes": application.approved_minutes or application.minutes or None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hours_dispute(
                application=application,
                volunteer=request.user,
                reason=form.cleaned_data["reason"],
                claimed_minutes=form.cleaned_data["claimed_minutes"],
            )
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your dispute is with the coordinator."))
            return redirect("volunteering:me")
    return render(request, "volunteering/dispute.html", {"application": application, "form": form})


def consent(request, token: str):
    """The guardian's page, opened from the SMS link: no account needed."""
    application_id = tokens.read_consent_token(token)
    application = (
        selectors.application_for_consent(application_id) if application_id is not None else None
    )
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


@login_required
def me(request):
    summary = selectors.person_summary(request.user)
    return render(
        request,
        "volunteering/me.html",
        {
            "summary": summary,
            "certificate_form": CertificateForm(initial={"language": _lang()}),
            "share_url": _absolute(
                request, reverse("volunteering:card", args=[summary.profile.share_code])
            )
            if summary.profile
            else "",
        },
    )


@login_required
def profile_edit(request):
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    initial = {}
    if profile:
        initial = {
            "date_of_birth": profile.date_of_birth,
            "wilayat": profile.wilayat,
            "skills": profile.skills,
            "availability": profile.availability,
            "school": profile.school,
            "university": profile.university,
            "leaderboard_visibility": profile.leaderboard_visibility,
        }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_save(user=request.user, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your volunteer profile is saved."))
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("volunteering:me")
    return render(request, "volunteering/profile_form.html", {"form": form})


@login_required
def my_qr(request):
    url = _absolute(
        request, reverse("volunteering:person_scan", args=[tokens.person_token(request.user)])
    )
    return render(request, "volunteering/my_qr.html", {"qr": qr_svg(url, scale=7)})


@login_required
def scan(request, token: str):
    """The volunteer scanned the site code: show where they are and the next step."""
    shift = services.shift_for_site_token(token)
    error, application = "", None
    try:
        application = services.application_for_site(volunteer=request.user, site_shift=shift)
    except BusinessError as exc:
        error = str(exc.message)
    if request.method == "GET" and application is not None and not application.checked_out_at:
        # Say now why the code cannot work, rather than after a press of the button.
        try:
            if application.status != Application.Status.ACCEPTED:
                raise BusinessError(
                    _("Only accepted volunteers can check in (this sign-up is: %(status)s).")
                    % {"status": application.get_status_display()}
                )
            services.check_window(
                shift, timezone.now(), checking_out=bool(application.checked_in_at)
            )
        except BusinessError as exc:
            error, application = str(exc.message), None
    if request.method == "POST" and application is not None:
        action = request.POST.get("action", "")
        try:
            application = services.attendance_record(
                application=application, site_shift=shift, action=action, actor=request.user
            )
        except BusinessError as exc:
            error = str(exc.message)
        else:
            messages.success(
                request,
                _("Checked in. Thank you for coming!")
                if action == "in"
                else _("Checked out. Your hours are waiting for the coordinator's approval."),
            )
            return redirect("volunteering:scan", token=token)
    return render(
        request,
        "volunteering/scan.html",
        {"shift": shift, "application": application, "error": error},
        status=200,
    )


@login_required
@require_POST
def certificate_request(request):
    form = CertificateForm(request.POST)
    if not form.is_valid():
        raise BusinessError(_("Choose a certificate to issue."))
    opportunity = None
    if form.cleaned_data.get("opportunity"):
        with scopes_disabled():
            opportunity = get_object_or_404(Opportunity, pk=form.cleaned_data["opportunity"])
    certificate = services.certificate_issue(
        volunteer=request.user,
        opportunity=opportunity,
        year=form.cleaned_data.get("year") if opportunity is None else None,
        language=form.cleaned_data["language"],
    )
    return redirect("volunteering:certificate_pdf", code=certificate.code)


def _verify_url(request, certificate) -> str:
    token = tokens.certificate_token(certificate.content, certificate.signature)
    return _absolute(request, reverse("volunteering:certificate_verify", args=[token]))


@login_required
@require_GET
def certificate_pdf(request, code: str):
    from joud.volunteering.pdf import render_certificate

    certificate = selectors.certificate_of(request.user, code)
    if certificate is None:
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
            "hours": selectors.hours(content.get("minutes", 0)),
        },
    )


def _card_context(code: str):
    profile = VolunteerProfile.objects.select_related("user").filter(share_code=code).first()
    if profile is None:
        raise Http404
    summary = selectors.person_summary(profile.user)
    name = profile.public_name() or profile.user.get_short_name() or _("A Joud volunteer")
    return profile, summary, name


@require_GET
def card(request, code: str):
    profile, summary, name = _card_context(code)
    return render(
        request,
        "volunteering/card.html",
        {
            "profile": profile,
            "summary": summary,
            "name": name,
            "hours_text": format_number(summary.total_hours),
            "image_url": _absolute(request, reverse("volunteering:card_image", args=[code])),
            "page_url": _absolute(request, reverse("volunteering:card", args=[code])),
        },
    )


@require_GET
def card_image(request, code: str):
    profile, summary, name = _card_context(code)
    data = cards.render_card(
        name=name,
        level=summary.level,
        hours=summary.total_hours,
        badges=[b.label for b in summary.earned_badges],
        certificates=len(summary.certificates),
        donations=summary.donations.count,
        language=_lang(),
    )
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "public, max-age=600"
    return response


@require_GET
def leaderboards(request):
    kind = request.GET.get("by", "school")
    if kind not in selectors.LEADERBOARD_KINDS:
        kind = "school"
    key = request.GET.get("key", "")
    groups = selectors.leaderboard_groups(kind)
    selected = next((g for g in groups if g["key"] == key), None)
    people = selectors.leaderboard_people(kind, key) if selected else []
    return render(
        request,
        "volunteering/leaderboards.html",
        {"kind": kind, "groups": groups, "selected": selected, "people": people},
    )


# Coordinators --------------------------------------------------------------------------------


@login_required
def manage_start(request):
    membership = (
        request.user.memberships.filter(is_active=True, role__in=COORDINATORS)
        .select_related("organization")
        .first()
    )
    if membership is None:
        return redirect("volunteering:home")
    return redirect("volunteering:manage", org=membership.organization.slug)


@organization_member_required(*COORDINATORS)
def manage(request, org: str):
    context = selectors.coordinator_overview(request.organization)
    context["organization"] = request.organization
    return render(request, "volunteering/manage/home.html", context)


@organization_member_required(*COORDINATORS)
def opportunity_new(request, org: str):
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        try:
            opportunity = services.opportunity_create(
                organization=request.organization, actor=request.user, **data
            )
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Opportunity saved as a draft: add its shifts."))
            return redirect("volunteering:manage_opportunity", org=org, pk=opportunity.pk)
    return render(
        request,
        "volunteering/manage/opportunity_form.html",
        {"form": form, "organization": request.organization},
    )


@organization_member_required(*COORDINATORS)
def manage_opportunity(request, org: str, pk: int):
    opportunity = get_object_or_404(Opportunity, pk=pk)
    form = ShiftForm(request.POST if "add_shift" in request.POST else None)
    if request.method == "POST":
        try:
            if "status" in request.POST:
                services.opportunity_set_status(
                    opportunity=opportunity, status=request.POST["status"], actor=request.user
                )
                messages.success(request, _("Status updated."))
                return redirect(request.path)
            if form.is_valid():
                services.shift_create(
                    opportunity=opportunity, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("Shift added."))
                return redirect(request.path)
        except BusinessError as exc:
            if "status" in request.POST:
                messages.error(request, str(exc.message))
            else:
                _form_error(form, exc)
    shifts = opportunity.shifts.all()
    return render(
        request,
        "volunteering/manage/opportunity.html",
        {
            "organization": request.organization,
            "opportunity": opportunity,
            "shifts": shifts,
            "form": form,
        },
    )


def _shift(pk: int) -> Shift:
    # Scoped by the decorator: another organization's shift is simply not found.
    return get_object_or_404(Shift.objects.select_related("opportunity"), pk=pk)


@organization_member_required(*COORDINATORS)
def roster(request, org: str, pk: int):
    shift = _shift(pk)
    capacity_form = CapacityForm(
        request.POST if "capacity" in request.POST else None, initial={"capacity": shift.capacity}
    )
    if request.method == "POST" and capacity_form.is_valid():
        try:
            services.shift_set_capacity(
                shift=shift, capacity=capacity_form.cleaned_data["capacity"], actor=request.user
            )
        except BusinessError as exc:
            _form_error(capacity_form, exc)
        else:
            messages.success(request, _("Places updated."))
            return redirect(request.path)
    rows = selectors.roster(shift)
    return render(
        request,
        "volunteering/manage/roster.html",
        {
            "organization": request.organization,
            "shift": shift,
            "rows": rows,
            "capacity_form": capacity_form,
            "accepted": sum(1 for r in rows if r.status == "accepted"),
        },
    )


@organization_member_required(*COORDINATORS)
@require_POST
def approve_hours(request, org: str, pk: int):
    application = get_object_or_404(Application, pk=pk)
    form = ApproveHoursForm(request.POST)
    minutes = form.cleaned_data.get("minutes") if form.is_valid() else None
    services.hours_approve(application=application, actor=request.user, minutes=minutes)
    messages.success(request, _("Hours approved."))
    return redirect("volunteering:roster", org=org, pk=application.shift_id)


@organization_member_required(*COORDINATORS)
@require_POST
def cancel_signup(request, org: str, pk: int):
    application = get_object_or_404(Application, pk=pk)
    services.application_cancel(application=application, actor=request.user)
    messages.success(request, _("Sign-up cancelled."))
    return redirect("volunteering:roster", org=org, pk=application.shift_id)


@organization_member_required(*COORDINATORS)
def resolve_dispute(request, org: str, pk: int):
    dispute = get_object_or_404(
        HoursDispute.objects.select_related(
            "application__volunteer", "application__shift__opportunity"
        ),
        pk=pk,
    )
    form = ResolveDisputeForm(request.POST or None, initial={"minutes": dispute.claimed_minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.dispute_resolve(dispute=dispute, actor=request.user, **form.cleaned_data)
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Dispute resolved; the volunteer has been told."))
            return redirect("volunteering:manage", org=org)
    return render(
        request,
        "volunteering/manage/dispute.html",
        {"organization": request.organization, "dispute": dispute, "form": form},
    )


@organization_member_required(*COORDINATORS)
def site_code(request, org: str, pk: int):
    shift = _shift(pk)
    if request.method == "POST":
        shift = services.shift_rotate_site_code(shift=shift, actor=request.user)
        messages.success(request, _("A new code is shown; the old one no longer works."))
        return redirect(request.path)
    url = _absolute(request, reverse("volunteering:scan", args=[tokens.site_token(shift)]))
    return render(
        request,
        "volunteering/manage/site_code.html",
        {
            "organization": request.organization,
            "shift": shift,
            "qr": qr_svg(url, scale=8),
            "url": url,
        },
    )


@organization_member_required(*COORDINATORS)
def message(request, org: str, pk: int):
    shift = _shift(pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.volunteers_message(
                shift=shift, actor=request.user, **form.cleaned_data
            )
        except BusinessError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Message sent to %(n)s volunteers.") % {"n": count})
            return redirect("volunteering:roster", org=org, pk=shift.pk)
    return render(
        request,
        "volunteering/manage/message.html",
        {"organization": request.organization, "shift": shift, "form": form},
    )


@organization_member_required(*COORDINATORS)
@require_GET
def roster_csv(request, org: str, pk: int):
    shift = _shift(pk)
    rows = selectors.roster(shift)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="roster-{shift.pk}.csv"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read the Arabic as UTF-8
    writer = csv.writer(response)
    writer.writerow([
        _("Name"), _("Mobile"), _("Email"), _("Status"), _("Age"), _("Guardian"),
        _("Guardian's mobile"), _("Checked in"), _("Checked out"), _("Recorded minutes"),
        _("Approved minutes"), _("Hours"),
    ])  # fmt: skip

    def when(moment):
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    for a in rows:
        writer.writerow([
            _safe_cell(a.volunteer.full_name), a.volunteer.phone or "", a.volunteer.email or "",
            a.get_status_display(), a.age if a.age is not None else "",
            _safe_cell(a.guardian_name), a.guardian_phone, when(a.checked_in_at),
            when(a.checked_out_at), a.minutes, a.approved_minutes, a.get_hours_status_display(),
        ])  # fmt: skip
    audit_log(
        action="joud.volunteering.roster_exported",
        actor=request.user,
        target=shift,
        data={"rows": len(rows)},
    )
    return response


def _safe_cell(text: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    text = text or ""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


@organization_member_required(*COORDINATORS)
def person_scan(request, org: str, token: str):
    """The coordinator's phone scanned a volunteer's personal code."""
    user_id = tokens.read_person_token(token)
    person = User.objects.filter(pk=user_id).first() if user_id else None
    if person is None:
        raise BusinessError(_("This is not a Joud volunteer code."))
    now = timezone.now()
    today = list(
        Application.objects.filter(
            volunteer=person,
            status=Application.Status.ACCEPTED,
            shift__starts_at__lte=now + services.CHECK_IN_OPENS_BEFORE,
            shift__ends_at__gte=now - services.CHECK_OUT_GRACE,
        ).select_related("shift__opportunity")
    )
    if request.method == "POST":
        application = get_object_or_404(
            Application, pk=request.POST.get("application"), volunteer=person
        )
        try:
            services.attendance_record(
                application=application,
                site_shift=application.shift,
                action=request.POST.get("action", ""),
                actor=request.user,
            )
        except BusinessError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Recorded."))
        return redirect(request.path)
    return render(
        request,
        "volunteering/manage/person.html",
        {"organization": request.organization, "person": person, "applications": today},
    )


def person_scan_redirect(request, token: str):
    """The personal QR opens this; a coordinator is sent to their organization's page."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    membership = (
        request.user.memberships.filter(is_active=True, role__in=COORDINATORS)
        .select_related("organization")
        .first()
    )
    if membership is None:
        raise BusinessError(_("Only a coordinator can scan a volunteer's personal code."))
    return redirect("volunteering:manage_person", org=membership.organization.slug, token=token)
