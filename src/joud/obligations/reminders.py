"""Zakat al-fitr reminders in Ramadan's last days: to last year's donors who have not given yet
this year and agreed to hear from the platform (the notify helper's consent gate decides), once
each per year."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac

from joud.core.dates import format_moment
from joud.core.money import format_money
from joud.core.notify import Recipient, notify
from joud.donations.models import Donation
from joud.obligations import rules
from joud.obligations.models import (
    FitrGift,
    FitrReminder,
)
from joud.obligations.notifications import FITR_REMINDER
from joud.obligations.selectors import PAID_STATES, fitr_rate


def _donor_key(donation: Donation) -> str:
    """Who was reminded, to remind them once: an account's id, or for a guest a keyed hash of
    their phone and email (the reminder table keeps no contact in clear, and a plain hash of an
    eight-digit number is undone by trying them all)."""
    if donation.donor_id:
        return f"user:{donation.donor_id}"
    contact = f"{donation.donor_phone.strip()}|{donation.donor_email.strip().lower()}"
    return "contact:" + salted_hmac("joud.fitr.reminder", contact, algorithm="sha256").hexdigest()


def _recipient(donation: Donation) -> Recipient:
    if donation.donor_id:
        return Recipient.of_user(donation.donor)
    return Recipient(
        phone=donation.donor_phone, email=donation.donor_email, language=donation.language
    )


def fitr_reminders_send(*, now: dt.datetime | None = None) -> int:
    """In Ramadan's last days, remind last year's fitr donors who have not given this year. An
    update: ``notify`` sends it only to those who consented (the privacy app's gate). Once per
    donor and year."""
    now = now or rules.current_moment()
    window = rules.open_fitr_window(now)
    if window is None:
        return 0
    days_left = (window.closes.date() - now.astimezone(rules.MUSCAT).date()).days
    if days_left > getattr(settings, "JOUD_FITR_REMINDER_DAYS", 3):
        return 0
    rate = fitr_rate(window.hijri_year)
    if rate is None:
        return 0
    paid = FitrGift.unscoped.filter(donation__state__in=PAID_STATES).select_related(
        "donation", "donation__donor"
    )
    given_now = {_donor_key(g.donation) for g in paid.filter(hijri_year=window.hijri_year)}
    sent = 0
    seen: set[str] = set()
    for gift in paid.filter(hijri_year=window.hijri_year - 1).order_by("id"):
        key = _donor_key(gift.donation)
        if key in seen or key in given_now:
            continue
        seen.add(key)
        if FitrReminder.objects.filter(hijri_year=window.hijri_year, donor_key=key).exists():
            continue
        recipient = _recipient(gift.donation)
        context = {
            "rate": format_money(rate.amount, language=recipient.language),
            "in_kind": rate.in_kind_en if recipient.language == "en" else rate.in_kind_ar,
            "closes": _closing_words(window, recipient.language),
            "link": settings.SITE_URL.rstrip("/") + reverse("obligations:fitr"),
        }
        try:  # claimed first, so two runs never send the same reminder twice
            with transaction.atomic():
                claim = FitrReminder.objects.create(hijri_year=window.hijri_year, donor_key=key)
        except IntegrityError:
            continue
        if not notify(recipient, FITR_REMINDER, context, deferred=False):
            claim.delete()  # no consent (or no address): nothing sent; asked again next run
            continue
        sent += 1
    return sent


def _closing_words(window: rules.FitrWindow, language: str) -> str:
    """ "1 Shawwal 1448 AH (…) 06:30": the Eid morning's closing moment, in Muscat time."""
    return format_moment(window.closes.astimezone(rules.MUSCAT), language)
