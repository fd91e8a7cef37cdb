"""Giving pages: thin views over donations.services."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from joud.core.bounds import bounded_int
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.donations import selectors, services
from joud.donations.access import is_own, may_retry_payment, remember_donation
from joud.donations.forms import PRESETS, DonationForm, ZakatForm
from joud.donations.models import Donation
from joud.donations.notifications import sms_safe_text
from joud.donations.views_plans import plan_confirm, plan_start
from joud.donations.zakat import gold_price, silver_price, zakat_calculate
from joud.privacy.registry import DataSubject
from joud.privacy.services import gift_consents_record

FREE_TEXT = ("donor_name", "dedication", "gift_recipient_name")
ZAKAT_DUE_KEY = "joud_zakat_due"  # the calculator's last result, for the zakat fund's page


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
    return _give(
        request,
        organization=org,
        target=Donation.Target.ZAKAT,
        open_=org.is_licensed,
        calculated=request.session.get(ZAKAT_DUE_KEY, "") if "calculated" in request.GET else "",
    )


def _give(
    request,
    *,
    organization,
    target,
    initiative=None,
    public_case=None,
    open_: bool,
    calculated: str = "",
):
    minimum = services.minimum_amount()
    suggested = calculated or request.GET.get("amount", "")
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
            # A plan is confirmed like a payment: its schedule, total and way of charging
            # first (the same figures posted back), then set up; "edit" returns to the form.
            step = request.POST.get("plan_step")
            place = {"organization": organization, "target": target, "initiative": initiative}
            if step == "confirm":
                return plan_start(request, form, data, **place)
            if step != "edit":
                return plan_confirm(request, form, data, **place)
        else:
            url = _start_payment(request, form, data, organization, target, initiative, public_case)
            if url:
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


def _start_payment(request, form, data, organization, target, initiative, public_case):
    """A one-off gift: create it and open its payment; the gateway's page URL, or None with the
    reason on the form."""
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
            show_name=data["show_name"],
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
            shows_name=bool(donation.display_name),
            language=get_language() or "ar",
            evidence=f"giving form, gift {donation.reference}",
        )
        _attempt, url = services.payment_attempt_start(
            donation=donation, return_url=reverse("donations:thanks", args=[donation.reference])
        )
    except BusinessError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return None
    remember_donation(request, donation)
    return url


def _without_links_or_controls(data: dict) -> dict:
    """The words a giver writes for others to read, stored as they will be sent: the gift card
    goes by SMS to a third person (``notifications.sms_safe_text``)."""
    return {**data, **{name: sms_safe_text(data.get(name) or "") for name in FREE_TEXT}}


def _donation_and_attempt(reference: str):
    donation = get_object_or_404(selectors.donations_by_reference(reference))
    return donation, selectors.latest_attempt(donation)


def _status_context(request, reference: str) -> dict:
    donation = get_object_or_404(selectors.donations_by_reference(reference))
    # Only a pending gift asks where the gateway's answer stands (two reads a page saved on
    # every confirmed gift's thank-you page).
    answer = (
        selectors.payment_answer(selectors.latest_attempt(donation))
        if donation.state == "pending"
        else "none"
    )
    return {
        "donation": donation,
        "own": is_own(request, donation),
        "being_confirmed": answer == "applying",
        "needs_review": answer == "needs_review",
    }


RECEIPT_POLLS = 30  # the receipt job numbers confirmed gifts every two seconds


def thanks(request, reference: str):
    """The thank-you page: the payment's state, and for the giver the receipt number, what
    happens next, sharing, and keeping a history by signing in with the number just used."""
    context = _status_context(request, reference) | {"check_at_once": True}
    donation = context["donation"]
    initiative = donation.initiative
    context |= {
        "receipt_number": selectors.donation_receipt_number(donation) if context["own"] else None,
        "receipt_polls": RECEIPT_POLLS,
        "report_days": settings.JOUD_REPORT_DUE_WORKING_DAYS,
        "page_url": settings.SITE_URL.rstrip("/") + initiative.get_absolute_url()
        if initiative
        else "",
        "keep_history": context["own"]
        and not request.user.is_authenticated
        and bool(donation.donor_phone),
    }
    return render(request, "donations/thanks.html", context)


@require_GET
def thanks_receipt(request, reference: str):
    """The receipt number once the receipts job has given it (the giver's page asks again every
    two seconds, a bounded number of times)."""
    donation = get_object_or_404(selectors.donations_by_reference(reference))
    if not is_own(request, donation):
        raise Http404
    left = bounded_int(request.GET.get("left"), low=0, high=RECEIPT_POLLS) or 0
    return render(
        request,
        "donations/_receipt_number.html",
        {
            "donation": donation,
            "own": True,
            "receipt_number": selectors.donation_receipt_number(donation),
            "receipt_polls": left,
        },
    )


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
    """The figures are posted, never put in the address (a person's wealth would stay in the
    browser's history, the server's logs and any link shared). The result comes first."""
    form = ZakatForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
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
        if result.reaches_nisab:
            request.session[ZAKAT_DUE_KEY] = str(result.due)
        else:
            request.session.pop(ZAKAT_DUE_KEY, None)
    organizations = selectors.active_organizations() if result and result.reaches_nisab else []
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
    """The donor's space moved to the site's own page (``web:dashboard``): old links land there."""
    return redirect("web:dashboard", permanent=True)
