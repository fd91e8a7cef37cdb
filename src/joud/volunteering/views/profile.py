"""The volunteer's own pages: summary, profile, personal code, and the shareable card."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from joud.core.errors import BusinessError
from joud.core.money import format_number
from joud.volunteering import cards, selectors, services, tokens
from joud.volunteering.forms import CertificateForm, ProfileForm
from joud.volunteering.views.common import absolute, form_error, qr_svg, reader_language


@login_required
def me(request):
    summary = selectors.person_summary(request.user)
    return render(
        request,
        "volunteering/me.html",
        {
            "summary": summary,
            "certificate_form": CertificateForm(initial={"language": reader_language()}),
            "share_url": absolute(
                request, reverse("volunteering:card", args=[summary.profile.share_code])
            )
            if summary.profile
            else "",
        },
    )


@login_required
def profile_edit(request):
    profile = selectors.profile_of(request.user)
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
            form_error(form, exc)
        else:
            messages.success(request, _("Your volunteer profile is saved."))
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
                return redirect(next_url)
            return redirect("volunteering:me")
    return render(request, "volunteering/profile_form.html", {"form": form})


@login_required
def my_qr(request):
    url = absolute(
        request, reverse("volunteering:person_scan", args=[tokens.person_token(request.user)])
    )
    return render(request, "volunteering/my_qr.html", {"qr": qr_svg(url, scale=7)})


def _card_context(code: str):
    profile = selectors.profile_by_share_code(code)
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
            "image_url": absolute(request, reverse("volunteering:card_image", args=[code])),
            "page_url": absolute(request, reverse("volunteering:card", args=[code])),
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
        language=reader_language(),
    )
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "public, max-age=600"
    return response
