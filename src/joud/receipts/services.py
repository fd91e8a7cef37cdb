"""Numbering receipts (gap-free per organization, in confirmation order)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.donations.models import Donation, Refund
from joud.receipts.models import Receipt, ReceiptCounter

RECEIPTED_STATES = (
    Donation.State.CONFIRMED,
    Donation.State.PARTIALLY_REFUNDED,
    Donation.State.REFUNDED,
)


def _locked_counter(organization_id: int) -> ReceiptCounter:
    """The organization's counter, locked until the caller's transaction ends."""
    ReceiptCounter.objects.get_or_create(organization_id=organization_id)
    return ReceiptCounter.objects.select_for_update().get(organization_id=organization_id)


def _next_number(counter: ReceiptCounter) -> int:
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def receipt_for_donation(*, donation: Donation) -> Receipt:
    """The donation's receipt, numbered now if the job has not numbered it yet."""
    existing = Receipt.unscoped.filter(donation=donation, kind=Receipt.Kind.DONATION).first()
    if existing:
        return existing
    state = Donation.unscoped.filter(pk=donation.pk).values_list("state", flat=True).first()
    if state not in RECEIPTED_STATES:  # read afresh: the caller's copy may predate the webhook
        raise BusinessError(_("A receipt is issued once the payment is confirmed."))
    counter = _locked_counter(donation.organization_id)
    # Re-check under the lock the job also holds while numbering.
    existing = Receipt.unscoped.filter(donation=donation, kind=Receipt.Kind.DONATION).first()
    if existing:
        return existing
    receipt = Receipt.unscoped.create(
        organization_id=donation.organization_id,
        number=_next_number(counter),
        kind=Receipt.Kind.DONATION,
        donation=donation,
        issued_at=donation.confirmed_at or timezone.now(),
    )
    audit_log(action="joud.receipt.issued", target=receipt, data={"number": receipt.number})
    return receipt


@transaction.atomic
def receipt_for_refund(*, refund: Refund) -> Receipt:
    """The cancellation receipt of a completed refund (same numbering sequence)."""
    counter = _locked_counter(refund.organization_id)
    existing = Receipt.unscoped.filter(refund=refund).first()
    if existing:
        return existing
    if refund.state != Refund.State.DONE:
        raise BusinessError(_("A cancellation receipt is issued once the refund is done."))
    receipt = Receipt.unscoped.create(
        organization_id=refund.organization_id,
        number=_next_number(counter),
        kind=Receipt.Kind.CANCELLATION,
        donation_id=refund.donation_id,
        refund=refund,
        issued_at=refund.done_at or timezone.now(),
    )
    audit_log(
        action="joud.receipt.cancellation_issued", target=receipt, data={"number": receipt.number}
    )
    return receipt


# The every-two-seconds job looks back only this far past where its previous run stopped: a
# confirmation whose transaction commits more than this after its ``confirmed_at`` is numbered by
# the ten-minute sweep instead (or on demand, when the donor opens the receipt).
RECENT_OVERLAP = dt.timedelta(seconds=30)
_next_since: dt.datetime | None = None  # per process: where the incremental run goes on from


def receipts_number_pending(
    *, window: dt.timedelta = dt.timedelta(days=2), limit=5000, incremental: bool = False
) -> int:
    """Number recently confirmed donations that have no receipt yet, in confirmation order.

    ``incremental`` (the job every two seconds): look only at donations confirmed since this
    process's previous run stopped, less ``RECENT_OVERLAP``: scanning the whole window every two
    seconds would read every donation of the last two days on each run and hold back the jobs
    queued behind it. The full window is the ten-minute sweep's.
    """
    global _next_since
    started = timezone.now()
    since = started - window
    if incremental and _next_since is not None:
        since = max(since, _next_since)
    rows = list(
        Donation.unscoped.filter(state__in=RECEIPTED_STATES, confirmed_at__gte=since)
        .exclude(receipts__kind=Receipt.Kind.DONATION)
        .order_by("confirmed_at", "id")
        .values_list("id", "organization_id", "confirmed_at")[:limit]
    )
    by_org: dict[int, list] = {}
    for donation_id, org_id, confirmed_at in rows:
        by_org.setdefault(org_id, []).append((donation_id, confirmed_at))
    made = 0
    for org_id, items in by_org.items():
        made += _number_batch(org_id, items)
    if incremental:
        # Rows come in confirmation order: a full batch stops at its last one, a short batch
        # has seen everything confirmed before this run started.
        frontier = rows[-1][2] if len(rows) >= limit else started
        _next_since = frontier - RECENT_OVERLAP
    return made


@transaction.atomic
def _number_batch(org_id: int, items: list) -> int:
    counter = _locked_counter(org_id)
    # Under the lock: skip any donation numbered meanwhile (on demand).
    done = set(
        Receipt.unscoped.filter(
            donation_id__in=[i for i, _at in items], kind=Receipt.Kind.DONATION
        ).values_list("donation_id", flat=True)
    )
    todo = [(i, at) for i, at in items if i not in done]
    receipts = [
        Receipt(
            organization_id=org_id,
            number=counter.last_number + n,
            kind=Receipt.Kind.DONATION,
            donation_id=donation_id,
            issued_at=confirmed_at,
        )
        for n, (donation_id, confirmed_at) in enumerate(todo, start=1)
    ]
    Receipt.unscoped.bulk_create(receipts)
    counter.last_number += len(receipts)
    counter.save(update_fields=["last_number"])
    return len(receipts)
