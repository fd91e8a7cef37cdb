"""Receipts' reads: the documents asked for, the public verification, the donor's statement.

Receipts are opened by link from anywhere (donor, verifier): cross-tenant reads on purpose.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, Refund
from joud.receipts.models import Receipt

STATEMENT_STATES = (Donation.State.CONFIRMED, Donation.State.PARTIALLY_REFUNDED)


def refunds_by_reference(reference: str) -> QuerySet[Refund]:
    with scopes_disabled():
        return Refund.objects.select_related("donation").filter(reference=reference)


def receipts_by_token(token: str) -> QuerySet[Receipt]:
    with scopes_disabled():
        return Receipt.objects.select_related(
            "organization", "donation", "donation__initiative", "refund"
        ).filter(token=token)


def statement_donations(user, *, start: dt.date, end: dt.date) -> QuerySet[Donation]:
    """The donor's paid gifts confirmed in [start, end), in confirmation order."""
    with scopes_disabled():
        return (
            Donation.objects.filter(
                donor=user,
                state__in=STATEMENT_STATES,
                confirmed_at__date__gte=start,
                confirmed_at__date__lt=end,
            )
            .select_related("organization")
            .order_by("confirmed_at")
        )
