"""Pages of the obligations: zakat al-fitr (the programmes, a programme's page with its figures
and giving form, its distribution record), kaffarah and fidya, and the ministry's rates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from joud.accounts.permissions import ministry_required
from joud.core.dates import to_hijri
from joud.core.errors import BusinessError
from joud.core.models import AuditLogEntry
from joud.core.money import format_number
from joud.donations.access import remember_donation
from joud.donations.services import payment_attempt_start
from joud.obligations import rules, selectors
from joud.obligations.access import may_record_distribution
from joud.obligations.forms import (
    DistributionForm,
    ExpiationForm,
    FitrForm,
    RateForm,
    parse_count,
)
from joud.obligations.models import FitrRate, MealPrice
from joud.obligations.services import (
    expiation_gift_create,
    fitr_distribution_record,
    fitr_gift_create,
    fitr_rate_set,
    meal_price_set,
)


def _donor(form, request) -> dict:
    data = form.cleaned_data
    return {
        "donor": request.user,
        "donor_name": data["donor_name"],
        "donor_email": data["donor_email"],
        "donor_phone": data["donor_phone"],
        "is_anonymous": data["is_anonymous"],
        "language": get_language() or "ar",
    }


def _pay(request, donation):
    _attempt, url = payment_attempt_start(
        donation=donation, return_url=reverse("donations:thanks", args=[donation.reference])
    )
    remember_donation(request, donation)
    return redirect(url)


def _fail(form, exc: BusinessError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))


def _fitr_context() -> dict:
    now = rules.current_moment()
    window = rules.next_fitr_window(now)
    return {
        "window": window,
        "is_open": window.contains(now),
        "rate": selectors.fitr_rate(window.hijri_year),
    }


@require_GET
def fitr_index(request):
    context = _fitr_context()
    context["programmes"] = list(selectors.public_programmes())
    return render(request, "obligations/fitr_index.html", context)


def fitr_programme(request, slug: str):
    programme = get_object_or_404(selectors.public_programmes(), organization__slug=slug)
    context = _fitr_context()
    form = FitrForm(
        request.POST or None,
        initial={
            "persons": format_number(1),
            "donor_name": getattr(request.user, "full_name", "") or "",
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                gift = fitr_gift_create(
                    programme=programme,
                    persons=form.cleaned_data["persons"],
                    **_donor(form, request),
                )
                return _pay(request, gift.donation)
            except BusinessError as exc:
                _fail(form, exc)
        status = 400
    year = context["window"].hijri_year
    figures = selectors.fitr_figures(programme, year)
    last_year = selectors.fitr_figures(programme, year - 1)
    persons = form.cleaned_data.get("persons") if form.is_bound and form.is_valid() else 1
    context.update(
        {
            "programme": programme,
            "form": form,
            "figures": figures,
            "last_year": last_year,
            "amount": rules.fitr_amount(persons, context["rate"].amount)
            if context["rate"]
            else None,
            "persons": persons,
            "may_record": may_record_distribution(request.user, programme),
        }
    )
    return render(request, "obligations/fitr_programme.html", context, status=status)


@require_GET
def fitr_amount(request):
    """The amount for a number of people (htmx, as the donor types): persons x the rate."""
    rate = _fitr_context()["rate"]
    try:
        persons = parse_count(request.GET.get("persons"), maximum=rules.MAX_PERSONS, message="")
    except ValidationError:  # a bad count shows the hint, not an amount
        persons = None
    amount = rules.fitr_amount(persons, rate.amount) if (rate and persons) else None
    return render(
        request,
        "obligations/_fitr_amount.html",
        {"amount": amount, "persons": persons, "rate": rate},
    )


@login_required
def fitr_distribution(request, slug: str):
    """The organization records zakat al-fitr handed out (due before the Eid prayer)."""
    programme = get_object_or_404(selectors.public_programmes(), organization__slug=slug)
    if not may_record_distribution(request.user, programme):
        raise PermissionDenied
    form = DistributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = fitr_distribution_record(
                programme=programme, actor=request.user, **form.cleaned_data
            )
        except BusinessError as exc:
            _fail(form, exc)
        else:
            if item.is_late:
                messages.warning(
                    request,
                    _("Recorded, and flagged late: zakat al-fitr is due before the Eid prayer."),
                )
            else:
                messages.success(request, _("The distribution is recorded in the books."))
            return redirect("obligations:fitr_distribution", slug=slug)
    context = _fitr_context()
    context.update(
        {
            "programme": programme,
            "form": form,
            "distributions": selectors.programme_distributions(programme)[:50],
            "figures": selectors.fitr_figures(programme),
        }
    )
    return render(
        request, "obligations/fitr_distribution.html", context, status=400 if form.errors else 200
    )


def _meal_price():
    return selectors.meal_price(to_hijri(rules.current_moment().astimezone(rules.MUSCAT).date())[0])


def expiation(request):
    programmes = list(selectors.feeding_programmes())
    form = ExpiationForm(
        request.POST or None,
        programmes=programmes,
        initial={
            "kind": "oath",
            "count": format_number(1),
            "donor_name": getattr(request.user, "full_name", "") or "",
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            initiative = next((p for p in programmes if p.pk == data["initiative"]), None)
            try:
                if initiative is None:
                    raise BusinessError(_("Choose a feeding programme."), field="initiative")
                gift = expiation_gift_create(
                    initiative=initiative,
                    kind=data["kind"],
                    count=data["count"],
                    **_donor(form, request),
                )
                return _pay(request, gift.donation)
            except BusinessError as exc:
                _fail(form, exc)
        status = 400
    price = _meal_price()
    kind = form.cleaned_data.get("kind", "oath") if form.is_bound and form.is_valid() else "oath"
    count = form.cleaned_data.get("count", 1) if form.is_bound and form.is_valid() else 1
    context = {
        "form": form,
        "programmes": programmes,
        "price": price,
        "rules": [(k, rules.RULE_TEXT[k]) for k in ("oath", "fidya")],
        **_expiation_amount(kind, count, price),
    }
    return render(request, "obligations/expiation.html", context, status=status)


def _expiation_amount(kind, count, price) -> dict:
    if kind not in rules.MEALS_PER_UNIT or not count or price is None:
        return {"amount": None, "meals": None, "kind": kind, "count": count}
    return {
        "amount": rules.expiation_amount(kind, count, price.amount),
        "meals": rules.expiation_meals(kind, count),
        "kind": kind,
        "count": count,
        "price": price,
    }


@require_GET
def expiation_amount(request):
    """The amount as the donor chooses (htmx): the rule's meals x the meal price."""
    try:
        count = parse_count(request.GET.get("count"), maximum=rules.MAX_COUNT, message="")
    except ValidationError:  # a bad count shows the hint, not an amount
        count = None
    context = _expiation_amount(request.GET.get("kind", ""), count, _meal_price())
    return render(request, "obligations/_expiation_amount.html", context)


@ministry_required
def ministry_rates(request):
    """The ministry sets zakat al-fitr per person (and its in-kind equivalent) and the meal price
    for expiations, per Hijri year; each change is in the audit log shown below."""
    this_year = to_hijri(timezone.localdate())[0]
    form = RateForm(request.POST or None, initial={"hijri_year": this_year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["fitr_amount"] is not None:
                fitr_rate_set(
                    actor=request.user,
                    hijri_year=data["hijri_year"],
                    amount=data["fitr_amount"],
                    in_kind_ar=data["in_kind_ar"],
                    in_kind_en=data["in_kind_en"],
                )
            if data["meal_price"] is not None:
                meal_price_set(
                    actor=request.user, hijri_year=data["hijri_year"], amount=data["meal_price"]
                )
        except BusinessError as exc:
            _fail(form, exc)
        else:
            messages.success(request, _("The rates are recorded."))
            return redirect("obligations:ministry_rates")
    years = sorted(
        set(FitrRate.objects.values_list("hijri_year", flat=True))
        | set(MealPrice.objects.values_list("hijri_year", flat=True))
        | {this_year},
        reverse=True,
    )
    rates = {r.hijri_year: r for r in FitrRate.objects.all()}
    prices = {p.hijri_year: p for p in MealPrice.objects.all()}
    trail = AuditLogEntry.objects.filter(
        action__in=("joud.fitr.rate_set", "joud.expiation.meal_price_set")
    ).select_related("actor")[:30]
    context = {
        "form": form,
        "rows": [(y, rates.get(y), prices.get(y), rules.fitr_window(y)) for y in years],
        "trail": trail,
    }
    return render(
        request, "obligations/ministry_rates.html", context, status=400 if form.errors else 200
    )
