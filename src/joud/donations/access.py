"""Who may see or do what with a gift.

A donation belongs to its signed-in donor, and to the browser that gave it (guests give without
an account: the session remembers their last references). An organization's money is handled by
its finance staff.
"""

from __future__ import annotations

from joud.donations.models import Donation

SESSION_KEY = "joud_donations"
REMEMBERED = 20  # the references a browser keeps
FINANCE_ROLES = ("admin", "finance")  # members who see the organization's money and refund it


def remember_donation(request, donation: Donation) -> None:
    """This browser gave ``donation``: it may see its status and receipt, and retry its payment."""
    refs = request.session.get(SESSION_KEY, [])[-(REMEMBERED - 1) :]
    refs.append(donation.reference)
    request.session[SESSION_KEY] = refs


def is_own(request, donation: Donation) -> bool:
    """The signed-in donor's gift, or one given from this browser."""
    if request.user.is_authenticated and donation.donor_id == request.user.pk:
        return True
    return donation.reference in request.session.get(SESSION_KEY, [])


def may_retry_payment(request, donation: Donation) -> bool:
    return is_own(request, donation)
