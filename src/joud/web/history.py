"""Signing in keeps a history: the gifts this browser gave as a guest, with the phone number or
email of the account just signed in to, join that account (``donations_claim_for_donor``)."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import ngettext

from joud.core.money import format_number, plural_count
from joud.donations.access import SESSION_KEY
from joud.donations.services.history import donations_claim_for_donor


def keep_guest_gifts(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver (the session survives sign-in with its remembered gifts)."""
    if request is None or not hasattr(request, "session"):
        return
    claimed = donations_claim_for_donor(user=user, references=request.session.get(SESSION_KEY, []))
    if claimed:
        messages.success(
            request,
            ngettext(
                "%(n)s gift you gave from this device is now in your history.",
                "%(n)s gifts you gave from this device are now in your history.",
                plural_count(claimed),
            )
            % {"n": format_number(claimed)},
            fail_silently=True,
        )
