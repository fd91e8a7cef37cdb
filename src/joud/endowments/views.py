"""Public pages of endowments: the list, a waqf's page (principal, returns by year, what the
returns paid for) with its giving form, and the donor's own shares."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.disbursements.purposes import Purpose
from joud.donations.access import remember_donation
from joud.donations.forms import DonationForm
from joud.donations.services import minimum_amount, payment_attempt_start
from joud.endowments import selectors
from joud.endowments.access import may_record_returns
from joud.endowments.forms import ReturnForm
from joud.endowments.models import WaqfReturn
from joud.endowments.services import waqf_return_record, waqf_share_create

_NOT_FOR_WAQF = (
    "frequency",
    "dedication",
    "is_gift",
    "gift_recipient_name",
    "gift_recipient_phone",
    "gift_recipient_email",
    "gift_language",
)


def _share_form(request):
    form = DonationForm(
        request.POST or None,
        minimum=minimum_amount(),
        initial={"preset": "10.000", "donor_name": getattr(request.user, "full_name", "") or ""},
    )
    for name in _NOT_FOR_WAQF:
        form.fields.pop(name, None)
    return form


def waqf_list(request):
    waqfs = list(selectors.public_waqfs())
    rows = [(waqf, selectors.waqf_figures(waqf)) for waqf in waqfs]
    return render(request, "endowments/list.html", {"rows": rows})


def waqf_detail(request, slug: str):
    waqf = get_object_or_404(selectors.public_waqfs(), slug=slug)
    form = _share_form(request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                share = waqf_share_create(
                    waqf=waqf,
                    amount=data["amount"],
                    donor=request.user,
                    donor_name=data["donor_name"],
                    donor_email=data["donor_email"],
                    donor_phone=data["donor_phone"],
                    is_anonymous=data["is_anonymous"],
                    language=get_language() or "ar",
                )
                _attempt, url = payment_attempt_start(
                    donation=share.donation,
                    return_url=reverse("donations:thanks", args=[share.donation.reference]),
                )
            except BusinessError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            else:
                remember_donation(request, share.donation)
                return redirect(url)
        status = 400
    labels = dict(Purpose.choices)
    figures = selectors.waqf_figures(waqf)
    context = {
        "waqf": waqf,
        "figures": figures,
        "paid_by_purpose": [(labels.get(p, p), amount) for p, amount in figures.paid_by_purpose],
        "purposes": [labels.get(p, p) for p in waqf.purposes],
        "form": form,
        "may_record": may_record_returns(request.user, waqf),
    }
    return render(request, "endowments/detail.html", context, status=status)


@login_required
def my_shares(request):
    shares = list(selectors.donor_shares(request.user))
    waqfs = {share.waqf for share in shares}
    labels = dict(Purpose.choices)
    uses = {}
    for waqf in waqfs:
        figures = selectors.waqf_figures(waqf)
        uses[waqf.pk] = [(labels.get(p, p), amount) for p, amount in figures.paid_by_purpose]
    return render(
        request,
        "endowments/mine.html",
        {"shares": shares, "uses": [(waqf, uses[waqf.pk]) for waqf in waqfs]},
    )


@login_required
def waqf_returns(request, slug: str):
    """The institution records the returns its waqf received (rent, investment income)."""
    waqf = get_object_or_404(selectors.public_waqfs(), slug=slug)
    if not may_record_returns(request.user, waqf):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            waqf_return_record(waqf=waqf, actor=request.user, **data)
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("The return is recorded in the endowment's books."))
            return redirect("endowments:returns", slug=waqf.slug)
    context = {
        "waqf": waqf,
        "form": form,
        "returns": WaqfReturn.unscoped.filter(waqf=waqf).select_related("recorded_by")[:50],
        "figures": selectors.waqf_figures(waqf),
    }
    return render(request, "endowments/returns.html", context, status=400 if form.errors else 200)
