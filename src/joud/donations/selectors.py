"""Giving's reads: what the giving pages and the donor's space show.

Donors give to any organization and see their gifts across organizations: these reads are
cross-tenant on purpose (``scopes_disabled``); the querysets are built inside it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from joud.beneficiaries.models import PublicCase
from joud.campaigns.models import Initiative
from joud.campaigns.selectors import initiative_is_public
from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation, PaymentAttempt, RecurringCharge, RecurringPlan
from joud.organizations.models import Organization
from joud.organizations.selectors import PUBLIC_STATUSES
from joud.payments.models import WebhookEvent

PAID_STATES = (Donation.State.CONFIRMED, Donation.State.PARTIALLY_REFUNDED)


def initiative_to_give_to(code: str) -> Initiative | None:
    """The initiative of ``code`` if the public may see it (the page says whether it takes
    gifts now); None for an unknown or unpublished one, so that its title never shows."""
    with scopes_disabled():
        item = Initiative.objects.select_related("organization").filter(public_code=code.upper())
        item = item.first()
    return item if item is not None and initiative_is_public(item) else None


def public_cases_to_give_to() -> QuerySet[PublicCase]:
    with scopes_disabled():
        return PublicCase.objects.select_related("organization")


def organizations_to_give_to() -> QuerySet[Organization]:
    """Organizations with a public profile (the page says whether it may take gifts now): a
    pending or rejected one is not found, like its profile page."""
    return Organization.objects.filter(status__in=PUBLIC_STATUSES)


def active_organizations() -> QuerySet[Organization]:
    """The organizations a zakat payer can be pointed to."""
    return Organization.objects.filter(status=Organization.Status.ACTIVE)


def organization_recent_donations(organization, *, limit: int = 50) -> QuerySet[Donation]:
    """The organization's latest gifts (its finance page; read inside its scope)."""
    return (
        Donation.objects.for_organization(organization)
        .select_related("initiative")
        .order_by("-created_at")[:limit]
    )


def organization_donation(organization, reference: str) -> QuerySet[Donation]:
    """One of the organization's own donations by its reference (its refund page)."""
    return Donation.objects.for_organization(organization).filter(reference=reference)


def donations_by_reference(reference: str) -> QuerySet[Donation]:
    with scopes_disabled():
        return Donation.objects.select_related("organization", "initiative").filter(
            reference=reference
        )


def payment_answer(attempt: PaymentAttempt | None) -> str:
    """Where the gateway's answer for ``attempt`` stands, for the thank-you page: ``"none"`` (no
    answer waits: the page says "waiting for the gateway"), ``"applying"`` (accepted, waiting for
    the consumer: "being confirmed") or ``"needs_review"`` (the consumer failed on it
    MAX_FAILURES times and left it for a person: the page must not promise "a second or two")."""
    if attempt is None:
        return "none"
    results = set(
        WebhookEvent.objects.filter(
            reference=attempt.reference, processed_at__isnull=True
        ).values_list("result", flat=True)
    )
    if not results:
        return "none"
    return "needs_review" if results == {"failed"} else "applying"


def payment_events_backlog(now: dt.datetime | None = None) -> dict:
    """The consumer's queue: events accepted and still waiting to be applied, the age in seconds
    of the oldest of them (None: none waits), and those left for a person after failing
    (result ``failed``, counted apart: they wait for someone, not for the consumer)."""
    now = now or timezone.now()
    waiting = WebhookEvent.objects.filter(processed_at__isnull=True)
    failed = waiting.filter(result="failed").count()
    oldest = (
        waiting.exclude(result="failed")
        .order_by("id")
        .values_list("received_at", flat=True)
        .first()
    )
    return {
        "waiting": waiting.count() - failed,
        "oldest_seconds": None if oldest is None else max(0.0, (now - oldest).total_seconds()),
        "failed": failed,
    }


def latest_attempt(donation: Donation) -> PaymentAttempt | None:
    with scopes_disabled():
        return PaymentAttempt.objects.filter(donation=donation).order_by("-number").first()


def donation_receipt_number(donation: Donation) -> str | None:
    """The gift's receipt number once the receipts job has numbered it (None before)."""
    with scopes_disabled():
        receipt = donation.receipts.filter(kind="donation").first()
    return receipt.display_number if receipt is not None else None


def plans_by_token(token: str) -> QuerySet[RecurringPlan]:
    with scopes_disabled():
        return RecurringPlan.objects.select_related("organization", "initiative").filter(
            token=token
        )


def plan_recent_charges(plan: RecurringPlan, *, limit: int = 30) -> QuerySet[RecurringCharge]:
    with scopes_disabled():
        return (
            RecurringCharge.objects.filter(plan=plan)
            .select_related("donation")
            .order_by("-due_on")[:limit]
        )


def donor_plans(user) -> QuerySet[RecurringPlan]:
    """The donor's scheduled giving that is not cancelled."""
    with scopes_disabled():
        return (
            RecurringPlan.objects.filter(donor=user)
            .exclude(state=RecurringPlan.State.CANCELLED)
            .select_related("initiative", "organization")
        )


def attempts_awaiting_gateway(*, older_than: dt.datetime, newer_than: dt.datetime):
    """Payment attempts opened at a gateway between the two instants that no webhook or return
    page settled yet (still created or pending), oldest first: the periodic poll asks about them."""
    return (
        PaymentAttempt.unscoped.filter(
            state__in=(PaymentAttempt.State.CREATED, PaymentAttempt.State.PENDING),
            created_at__lte=older_than,
            created_at__gt=newer_than,
        )
        .exclude(provider_reference="")
        .order_by("created_at", "id")
    )


def paid_plan_attempts(plan: RecurringPlan, provider: str):
    """The confirmed payment attempts of a recurring plan's charges through ``provider``,
    newest first (the card a gateway saved is found on them)."""
    return PaymentAttempt.unscoped.filter(
        donation__recurring_charge__plan=plan,
        provider=provider,
        state=PaymentAttempt.State.CONFIRMED,
    ).order_by("-confirmed_at", "-id")
