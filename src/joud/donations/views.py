"""Giving pages: thin views over donations.services."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.donations import services
from joud.donations.forms import PRESETS, DonationForm
from joud.donations.models import Donation, PaymentAttempt

SESSION_KEY = "joud_donations"


def _remember(request, donation: Donation) -> None:
    refs = request.session.get(SESSION_KEY, [])[-19:]
    refs.append(donation.reference)
    request.session[SESSION_KEY] = refs


def is_own(request, donation: Donation) -> bool:
    if request.user.is_authenticated and donation.donor_id == request.user.pk:
        return True
    return donation.reference in request.session.get(SESSION_KEY, [])


def give_initiative(request, code: str):
    from joud.campaigns.models import Initiative

    with scopes_disabled():
        initiative = get_object_or_404(
            Initiative.objects.select_related("organization"), public_code=code.upper()
        )
    return _give(
        request,
        organization=initiative.organization,
        target=Donation.Target.INITIATIVE,
        initiative=initiative,
        open_=initiative.accepts_donations,
    )


def give_case(request, code: str):
    """A verified case published for giving: once only (the case closes when funded)."""
    from joud.beneficiaries.models import PublicCase

    with scopes_disabled():
        public_case = get_object_or_404(
            PublicCase.objects.select_related("organization"), code=code.upper()
        )
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
    from joud.organizations.models import Organization

    return get_object_or_404(Organization, slug=slug)


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
        data = form.cleaned_data
        if data.get("frequency") not in (None, "", "once"):
            return _start_plan(request, form, organization, target, initiative)
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
            _attempt, url = services.payment_attempt_start(
                donation=donation, return_url=reverse("donations:thanks", args=[donation.reference])
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            _remember(request, donation)
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


def _start_plan(request, form, organization, target, initiative):
    from joud.donations.recurring import recurring_plan_create

    data = form.cleaned_data
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
    """The donor's plan, reached by the secret link in every message: pause, resume, cancel."""
    from joud.donations.models import RecurringPlan
    from joud.donations.recurring import recurring_plan_set_state

    with scopes_disabled():
        plan = get_object_or_404(
            RecurringPlan.objects.select_related("organization", "initiative"), token=token
        )
        if request.method == "POST":
            action = request.POST.get("action")
            if action in ("paused", "active", "cancelled"):
                try:
                    plan = recurring_plan_set_state(plan=plan, state=action)
                except BusinessError as exc:
                    from django.contrib import messages

                    messages.error(request, str(exc.message))
                return redirect("donations:plan_manage", token=plan.token)
        charges = list(plan.charges.select_related("donation").order_by("-due_on")[:30])
    return render(request, "donations/plan.html", {"plan": plan, "charges": charges})


def _donation_and_attempt(reference: str):
    with scopes_disabled():
        donation = (
            Donation.objects.select_related("organization", "initiative")
            .filter(reference=reference)
            .first()
        )
        if donation is None:
            raise Http404
        attempt = PaymentAttempt.objects.filter(donation=donation).order_by("-number").first()
    return donation, attempt


def _status_context(request, reference: str) -> dict:
    donation, attempt = _donation_and_attempt(reference)
    if attempt is not None and donation.state == Donation.State.PENDING:
        # The return page asks the gateway too: the payer sees the result even if the webhook
        # is late. It races the webhook safely (same locked, exactly-once path).
        with scopes_disabled():
            services.payment_attempt_poll(attempt=attempt)
        donation, attempt = _donation_and_attempt(reference)
    return {"donation": donation, "attempt": attempt, "own": is_own(request, donation)}


def thanks(request, reference: str):
    return render(request, "donations/thanks.html", _status_context(request, reference))


def thanks_status(request, reference: str):
    return render(request, "donations/_status.html", _status_context(request, reference))


@require_POST
def retry(request, reference: str):
    donation, _attempt = _donation_and_attempt(reference)
    if not is_own(request, donation):
        raise Http404
    _attempt, url = services.payment_attempt_start(
        donation=donation, return_url=reverse("donations:thanks", args=[donation.reference])
    )
    return redirect(url)


def zakat_calculator(request):
    from joud.donations.forms import ZakatForm
    from joud.donations.zakat import gold_price, silver_price, zakat_calculate
    from joud.organizations.models import Organization

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
    organizations = Organization.objects.filter(status=Organization.Status.ACTIVE)
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
    from joud.core.dates import hijri_month_start, to_hijri
    from joud.receipts.models import Receipt

    year = to_hijri(timezone.localdate())[0]
    start = hijri_month_start(year, 1)
    with scopes_disabled():
        donations = list(
            Donation.objects.filter(donor=request.user)
            .select_related("organization", "initiative")
            .order_by("-created_at")[:200]
        )
        from joud.donations.models import RecurringPlan

        plans = list(
            RecurringPlan.objects.filter(donor=request.user)
            .exclude(state=RecurringPlan.State.CANCELLED)
            .select_related("initiative", "organization")
        )
        receipted = set(
            Receipt.objects.filter(donation__in=donations, kind="donation").values_list(
                "donation_id", flat=True
            )
        )
    paid = [d for d in donations if d.state in ("confirmed", "partially_refunded")]
    this_year = sum(
        (
            d.amount - d.refunded_amount
            for d in paid
            if d.confirmed_at and timezone.localtime(d.confirmed_at).date() >= start
        ),
        Decimal("0.000"),
    )
    return render(
        request,
        "donations/my_giving.html",
        {
            "donations": donations,
            "this_year": this_year,
            "hijri_year": year,
            "receipted": receipted,
            "plans": plans,
        },
    )
