"""Publishing an approved case for giving, and the public's pages of cases to support (with an
offer of goods on each)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from joud.beneficiaries import access, forms, selectors, services
from joud.beneficiaries.models import PublicCase
from joud.beneficiaries.views.helpers import attempt, case_or_404


@access.caseworker_required
def publish(request, reference):
    case = case_or_404(reference)
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        public, ok = attempt(
            form, services.public_case_publish, case=case, actor=request.user, **form.cleaned_data
        )
        if ok:
            messages.success(request, _("The case is published for giving."))
            return redirect("beneficiaries:public_case", code=public.code)
    return render(
        request,
        "beneficiaries/form_page.html",
        {"form": form, "title": _("Publish for giving"), "case": case},
    )


def public_list(request):
    return render(request, "beneficiaries/public_list.html", {"cases": selectors.public_cases()})


def public_case(request, code):
    try:
        pc = selectors.public_case(code)
    except PublicCase.DoesNotExist as exc:
        raise Http404 from exc
    if not access.is_visible_to_public(pc):
        raise Http404
    try:  # the money flow (donations app) provides this page; show the link only if it exists
        give_url = reverse("donations:give_case", kwargs={"code": pc.code})
    except NoReverseMatch:
        give_url = ""
    form = forms.InKindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _result, ok = attempt(form, services.inkind_offer, public_case=pc, **form.cleaned_data)
        if ok:
            messages.success(request, _("Thank you. The organization will contact you."))
            return redirect("beneficiaries:public_case", code=code)
    return render(
        request,
        "beneficiaries/public_case.html",
        {"pc": pc, "give_url": give_url, "form": form, "needs": pc.needed_items.splitlines()},
    )
