"""Giving pages: thin views over donations.services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from joud.core.dates import hijri_month_start, to_hijri
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.donations import selectors, services
from joud.donations.access import is_own, may_retry_payment, remember_donation
from joud.donations.forms import PRESETS, DonationForm, ZakatForm
from joud.donations.models import Donation
from joud.donations.notifications import sms_safe_text
from joud.donations.recurring import recurring_plan_create, recurring_plan_set_state
from joud.donations.zakat import gold_price, silver_price, zakat_calculate
from joud.privacy.registry import DataSubject
from joud.privacy.services import gift_consents_record

FREE_TEXT = ("donor_name", "dedication", "gift_recipient_name")


def give_initiative(request, code: str):
    initiative = selectors.initiative_to_give_to(code)
    if initiative is None:
        raise Http404
    return _give(
        request,
        organization=initiative.organization,
        target=Donation.Target.INITIATIVE,
        initiative=initiative,
        open_=initiative.accepts_donations,
    )


def give_case(request, code: str):
    """A verified case published for giving: once only (the case closes when funded)."""
    public_case = get_object_or_404(selectors.public_cases_to_give_to(), code=code.upper())
    return _give(
        request,
        organization=public_case.organization,
        target=Donation.Target.CASE,
        public_case=public_case,
        open_=public_case.organization.is_licensed and services.case_is_open(public_case),
    )


def case_presets(public_case, minimum: Decimal) -> list[Decimal]:
    """The usual presets below what the case still needs, then exactly what it still needs."""
    left = services.case_amount_left(public_case)
    presets = [p for p in PRESETS if p < left]
    if left >= minimum and left not in presets:
        presets.append(left)
    return presets


def _organization(slug: str):
    return get_object_or_404(selectors.organizations_to_give_to(), slug=slug)


def give_general(request, slug: str):
    org = _organization(slug)
    return _give(request, organization=org, target=Donation.Target.GENERAL, open_=org.is_licensed)


def give_zakat(request, slug: str):
    org = _organization(slug)
    return _give(request, organization=org, target=Donation.Target.ZAKAT, open_=org.is_licensed)


def _give(request, *, organization, target, initiative=None, public_case=None, open_: bool):
    minimum = services.minimum_amount()
    suggested = request.GET.get("amount", "")
    presets = PRESETS if public_case is None else case_presets(public_case, minimum)
    default_preset = "5.000" if Decimal("5.000") in presets else ""
    if presets and not default_preset:
        default_preset = str(presets[-1])
    form = DonationForm(
        request.POST or None,
        minimum=minimum,
        initial={
            "preset": "" if suggested else default_preset,
            "custom_amount": suggested[:16],
            "gift_language": get_language() or "ar",
            "donor_name": getattr(request.user, "full_name", "") or "",
        },
    )
    if public_case is not None:
        # A case is funded once: no recurring giving; presets stop at what it still needs.
        del form.fields["frequency"]
        form.fields["preset"].choices = [(str(p), str(p)) for p in presets]
    if request.method == "POST" and open_ and form.is_valid():
        data = _without_links_or_controls(form.cleaned_data)
        if data.get("frequency") not in (None, "", "once"):
            return _start_plan(request, form, data, organization, target, initiative)
        try:
            donation = services.donation_create(
                organization=organization,
                target=target,
                initiative=initiative,
                public_case=public_case,
                amount=data["amount"],
                donor=request.user,
                donor_name=data["donor_name"],
                donor_email=data["donor_email"],
                donor_phone=data["donor_phone"],
                is_anonymous=data["is_anonymous"],
                dedication=data["dedication"],
                gift_recipient_name=data["gift_recipient_name"],
                gift_recipient_phone=data["gift_recipient_phone"],
                gift_recipient_email=data["gift_recipient_email"],
                gift_language=data["gift_language"],
                language=get_language() or "ar",
            )
            gift_consents_record(
                subject=DataSubject(
                    user=request.user if request.user.is_authenticated else None,
                    phone=donation.donor_phone,
                    email=donation.donor_email.lower(),
                ),
                wants_updates=data.get("wants_updates", False),
                shows_name=not donation.is_anonymous and bool(donation.display_name),
                language=get_language() or "ar",
            )
            _attempt, url = services.payment_attempt_start(
                donation=donation, return_url=reverse("donations:thanks", args=[donation.reference])
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            remember_donation(request, donation)
            return redirect(url)
    return render(
        request,
        "donations/give.html",
        {
            "form": form,
            "organization": organization,
            "initiative": initiative,
            "public_case": public_case,
            "case_left": services.case_amount_left(public_case) if public_case else None,
            "target": target,
            "open": open_,
            "presets": presets,
            "minimum": minimum,
        },
        status=200 if request.method == "GET" or open_ else 409,
    )


def _without_links_or_controls(data: dict) -> dict:
    """The words a giver writes for others to read, stored as they will be sent: the gift card
    goes by SMS to a third person (``notifications.sms_safe_text``)."""
    return {**data, **{name: sms_safe_text(data.get(name) or "") for name in FREE_TEXT}}


def _start_plan(request, form, data, organization, target, initiative):
    """``data``: the form's cleaned data, already without links or control characters."""
    try:
        plan = recurring_plan_create(
            organization=organization,
            target=target,
            initiative=initiative,
            amount=data["amount"],
            frequency=data["frequency"],
            donor=request.user,
            donor_name=data["donor_name"],
            donor_email=data["donor_email"],
            donor_phone=data["donor_phone"],
            is_anonymous=data["is_anonymous"],
            language=get_language() or "ar",
        )
    except BusinessError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return render(
            request,
            "donations/give.html",
            {
                "form": form,
                "organization": organization,
                "initiative": initiative,
                "target": target,
                "open": True,
                "presets": PRESETS,
            },
        )
    return redirect("donations:plan_manage", token=plan.token)


def plan_manage(request, token: str):
    """The donor's plan, reached by the secret link in every message: pause, resume, cancel.

    Holding the link is the permission: it is sent only to the plan's donor."""
    plan = get_object_or_404(selectors.plans_by_token(token))
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("paused", "active", "cancelled"):
            try:
                plan = recurring_plan_set_state(plan=plan, state=action)
            except BusinessError as exc:
                messages.error(request, str(exc.message))
            return redirect("donations:plan_manage", token=plan.token)
    charges = list(selectors.plan_recent_charges(plan))
    return render(request, "donations/plan.html", {"plan": plan, "charges": charges})


def _donation_and_attempt(reference: str):
    donation = get_object_or_404(selectors.donations_by_reference(reference))
    return donation, selectors.latest_attempt(donation)


def _status_context(request, reference: str) -> dict:
    donation, attempt = _donation_and_attempt(reference)
    being_confirmed = donation.state == "pending" and selectors.payment_being_confirmed(attempt)
    return {
        "donation": donation,
        "attempt": attempt,
        "own": is_own(request, donation),
        "being_confirmed": being_confirmed,
    }


def thanks(request, reference: str):
    context = _status_context(request, reference) | {"check_at_once": True}
    return render(request, "donations/thanks.html", context)


def thanks_status(request, reference: str):
    return render(request, "donations/_status.html", _status_context(request, reference))


@require_POST
def thanks_check(request, reference: str):
    """While the gift is pending, the thank-you page asks (by POST) for the gateway's answer.

    Only the donor's own page does: a reference is short, and a stranger who typed one must not
    make the platform call the gateway for it (the webhook and the scheduler confirm it anyway)."""
    donation = get_object_or_404(selectors.donations_by_reference(reference))
    if not is_own(request, donation):
        raise Http404
    with scopes_disabled():
        services.donation_payment_check(donation=donation)
    if request.htmx:
        return thanks_status(request, reference)
    return redirect("donations:thanks", reference=reference)


@require_POST
def retry(request, reference: str):
    donation, _attempt = _donation_and_attempt(reference)
    if not may_retry_payment(request, donation):
        raise Http404
    _attempt, url = services.payment_attempt_start(
        donation=donation, return_url=reverse("donations:thanks", args=[donation.reference])
    )
    return redirect(url)


def zakat_calculator(request):
    form = ZakatForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        result = zakat_calculate(
            cash=data["cash"],
            gold_grams=data["gold_grams"],
            silver_grams=data["silver_grams"],
            trade_goods=data["trade_goods"],
            receivables=data["receivables"],
            debts=data["debts"],
            nisab_basis=data["nisab_basis"],
        )
    organizations = selectors.active_organizations()
    return render(
        request,
        "donations/zakat_calculator.html",
        {
            "form": form,
            "result": result,
            "organizations": organizations,
            "gold_price": gold_price(),
            "silver_price": silver_price(),
        },
    )


@login_required
def my_giving(request):
    year = to_hijri(timezone.localdate())[0]
    donations = list(selectors.donor_donations(request.user))
    return render(
        request,
        "donations/my_giving.html",
        {
            "donations": donations,
            "this_year": selectors.net_given_since(donations, hijri_month_start(year, 1)),
            "hijri_year": year,
            "plans": list(selectors.donor_plans(request.user)),
        },
    )
