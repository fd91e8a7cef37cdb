"""Reads for the organization endpoints. Every one takes the token's organization and reads
inside its scope: a token never reaches another organization's rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum

from joud.api.models import ApiToken, MinistryToken, WebhookDelivery, WebhookEndpoint
from joud.beneficiaries.models import Case
from joud.disbursements.selectors import organization_disbursements
from joud.donations.models import Donation
from joud.volunteering.models import Application

KNOWN_STATES = (
    Donation.State.CONFIRMED,
    Donation.State.PARTIALLY_REFUNDED,
    Donation.State.REFUNDED,
)


def known_donations(
    organization,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    initiative: str = "",
) -> QuerySet[Donation]:
    """Confirmed gifts (refunded ones too) of donors who did not ask to stay anonymous."""
    qs = confirmed_donations(organization, since=since, until=until).filter(is_anonymous=False)
    if initiative:
        qs = qs.filter(initiative__public_code=initiative.upper())
    return qs


def offline_raised(initiatives) -> Decimal:
    """Of what ``initiatives`` raised, the part organizations recorded as offline gifts (cash,
    bank transfer), net of refunds. Callers read across organizations on purpose."""
    total = Donation.objects.filter(
        initiative__in=initiatives,
        channel__in=Donation.OFFLINE_CHANNELS,
        state__in=KNOWN_STATES,
    ).aggregate(net=Sum(F("amount") - F("refunded_amount")))["net"]
    return total or Decimal(0)


def confirmed_donations(
    organization, *, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[Donation]:
    """Every confirmed gift (refunded ones too), anonymous or not: for the export, which names
    only the donors who agreed to be known."""
    qs = (
        Donation.objects.for_organization(organization)
        .filter(state__in=KNOWN_STATES)
        .select_related("initiative")
    )
    if since:
        qs = qs.filter(confirmed_at__date__gte=since)
    if until:
        qs = qs.filter(confirmed_at__date__lte=until)
    return qs


def disbursements_between(organization, *, since=None, until=None) -> QuerySet:
    qs = organization_disbursements(organization).select_related("initiative")
    if since:
        qs = qs.filter(planned_on__gte=since)
    if until:
        qs = qs.filter(planned_on__lte=until)
    return qs


def signups_between(organization, *, since=None, until=None) -> QuerySet[Application]:
    qs = volunteer_signups(organization)
    if since:
        qs = qs.filter(shift__starts_at__date__gte=since)
    if until:
        qs = qs.filter(shift__starts_at__date__lte=until)
    return qs


def disbursements(organization, *, state: str = "") -> QuerySet:
    qs = organization_disbursements(organization)
    return qs.filter(state=state) if state else qs


def case_counts(organization) -> dict:
    """How many cases in each status and category: never a person, never a reference."""
    qs = Case.objects.for_organization(organization)
    by_status = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    by_category = dict(qs.values_list("category").annotate(n=Count("pk")).order_by())
    return {
        "total": sum(by_status.values()),
        "by_status": {status: by_status.get(status, 0) for status in Case.Status.values},
        "by_category": by_category,
    }


def volunteer_signups(organization, *, hours_status: str = "") -> QuerySet[Application]:
    qs = Application.objects.for_organization(organization).select_related(
        "volunteer", "shift", "shift__opportunity"
    )
    return qs.filter(hours_status=hours_status) if hours_status else qs


def volunteer_totals(organization) -> dict:
    qs = Application.objects.for_organization(organization)
    sums = qs.aggregate(
        volunteers=Count("volunteer", distinct=True, filter=Q(status=Application.Status.ACCEPTED)),
        approved_minutes=Sum("approved_minutes", filter=Q(hours_status="approved")),
        pending=Count("pk", filter=Q(hours_status="pending")),
    )
    return {
        "volunteers": sums["volunteers"] or 0,
        "approved_hours": f"{(sums['approved_minutes'] or 0) / 60:.1f}",
        "hours_awaiting_approval": sums["pending"] or 0,
    }


def tokens_of(organization) -> QuerySet[ApiToken]:
    return ApiToken.objects.for_organization(organization).select_related("created_by")


def ministry_tokens() -> QuerySet[MinistryToken]:
    return MinistryToken.objects.select_related("created_by")


def endpoints_of(organization) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.for_organization(organization)


def deliveries_of(endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint=endpoint).order_by("-created_at", "-id")
