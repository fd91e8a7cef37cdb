"""Scheduled giving's pages: the confirmation before a plan is set up (like a payment's), the
setting up with its confirmation message, and the plan's own page behind its secret link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.core.money import localize_digits
from joud.core.notify import Recipient, notify
from joud.donations import selectors
from joud.donations.forms import PRESETS
from joud.donations.notifications import PLAN_CONFIRMED
from joud.donations.plan_schedule import plan_charging, plan_schedule, upcoming
from joud.donations.recurring import (
    plan_consent_evidence,
    recurring_plan_create,
    recurring_plan_set_state,
)
from joud.privacy.registry import DataSubject
from joud.privacy.services import gift_consents_record


def _target_title(organization, initiative) -> str:
    return initiative.title if initiative is not None else organization.name


def _has_contact(request, data) -> bool:
    user = request.user
    return bool(
        data.get("donor_phone")
        or data.get("donor_email")
        or (user.is_authenticated and (user.phone or user.email))
    )


def _contact(request, data) -> str:
    """Where the confirmation goes: the phone (in the page's digits), else the email."""
    phone = data.get("donor_phone") or getattr(request.user, "phone", "")
    if phone:
        return localize_digits(phone)
    return data.get("donor_email") or getattr(request.user, "email", "")


def _form_again(request, form, *, organization, target, initiative, status=200):
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
        status=status,
    )


def plan_confirm(request, form, data, *, organization, target, initiative):
    """What the plan commits the donor to, before anything is set up: the dates (Hijri and
    Gregorian), the charges and total in the coming year (all of them for the ten nights), how
    each is taken. The figures go back as they were posted, checked again on confirmation."""
    if not _has_contact(request, data):
        form.add_error(
            "donor_phone", _("Give a mobile number or an email: we tell you about each charge.")
        )
        return _form_again(
            request, form, organization=organization, target=target, initiative=initiative
        )
    schedule = plan_schedule(frequency=data["frequency"], amount=data["amount"])
    return render(
        request,
        "donations/plan_confirm.html",
        {
            "form": form,
            "organization": organization,
            "initiative": initiative,
            "target_title": _target_title(organization, initiative),
            "amount": data["amount"],
            "frequency_label": dict(form.fields["frequency"].choices).get(data["frequency"]),
            "schedule": schedule,
            "charging": plan_charging(),
            "contact": _contact(request, data),
        },
    )


def plan_start(request, form, data, *, organization, target, initiative):
    """Set the confirmed plan up, send its confirmation (with the link to manage it) and open
    its page. ``data``: the form's cleaned data, without links or control characters."""
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
        # The plan's consents, with their proof, as a one-off gift's: each charge's gift shows
        # the name only while the consent to it stands (``recurring``).
        gift_consents_record(
            subject=DataSubject(
                user=plan.donor, phone=plan.donor_phone, email=plan.donor_email.lower()
            ),
            wants_updates=data.get("wants_updates", False),
            shows_name=data["show_name"] and not plan.is_anonymous,
            language=get_language() or "ar",
            evidence=plan_consent_evidence(plan),
        )
    except BusinessError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return _form_again(
            request, form, organization=organization, target=target, initiative=initiative
        )
    manage = settings.SITE_URL.rstrip("/") + reverse("donations:plan_manage", args=[plan.token])
    sent = notify(
        Recipient(phone=plan.donor_phone, email=plan.donor_email, language=plan.language),
        PLAN_CONFIRMED,
        {"plan": plan, "manage_url": manage, "charging": plan_charging()},
    )
    if sent:
        messages.success(
            request,
            _("Your scheduled giving is set up. We sent you this page's link to keep."),
        )
    return redirect("donations:plan_manage", token=plan.token)


def plan_manage(request, token: str):
    """The donor's plan, reached by the secret link in every message: its schedule, pause,
    resume, cancel. Holding the link is the permission: it is sent only to the plan's donor."""
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
    running = plan.state == plan.State.ACTIVE and plan.next_charge_on
    return render(
        request,
        "donations/plan.html",
        {
            "plan": plan,
            "charges": charges,
            "schedule": upcoming(plan, plan.next_charge_on, amount=plan.amount)
            if running
            else None,
            "charging": "saved_card" if plan.saved_method else plan_charging(),
        },
    )
