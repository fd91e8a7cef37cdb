"""Complaints' reads: the ministry's queue with its service-level clock, and the public counts
per organization (received, upheld) that the organization's page and the scorecard show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from joud.complaints.models import Complaint
from joud.core.dates import working_days_between


@dataclass(frozen=True)
class ComplaintCounts:
    received: int = 0
    upheld: int = 0


def complaint_counts(organization_ids=None) -> dict[int, ComplaintCounts]:
    """Per organization id: complaints received and upheld (a warning or a suspension)."""
    qs = Complaint.objects.all()
    if organization_ids is not None:
        qs = qs.filter(organization_id__in=list(organization_ids))
    rows = (
        qs.values("organization_id")
        .annotate(received=Count("id"), upheld=Count("id", filter=Q(outcome__in=Complaint.UPHELD)))
        .order_by()
    )
    return {row["organization_id"]: ComplaintCounts(row["received"], row["upheld"]) for row in rows}


def counts_for(organization) -> ComplaintCounts:
    return complaint_counts([organization.pk]).get(organization.pk, ComplaintCounts())


def queue(*, open_only: bool = True) -> QuerySet[Complaint]:
    qs = Complaint.objects.select_related("organization", "initiative", "decided_by")
    if open_only:
        qs = qs.filter(outcome=Complaint.Outcome.OPEN)
    return qs.order_by("answer_due_on", "created_at")


def recently_decided(limit: int = 20) -> list[Complaint]:
    return list(
        Complaint.objects.exclude(outcome=Complaint.Outcome.OPEN)
        .select_related("organization", "initiative")
        .order_by("-decided_at")[:limit]
    )


def with_clock(complaints, *, today: dt.date) -> list[Complaint]:
    """Each complaint with ``working_days_left`` (negative: that many working days late)."""
    items = list(complaints)
    for item in items:
        if today <= item.answer_due_on:
            item.working_days_left = working_days_between(today, item.answer_due_on)
        else:
            item.working_days_left = -working_days_between(item.answer_due_on, today)
        item.overdue = item.working_days_left < 0
        item.working_days_late = max(0, -item.working_days_left)
    return items


# What the public may report: a published appeal (by its code) or a licensed, suspended or
# expired organization (by its short name). The appeal is reached through the complaint's own
# relation, so this app never imports the initiatives' app beside it.
REPORTABLE_STATES = ("approved", "live", "ended", "reported", "closed", "suspended")
REPORTABLE_ORG_STATUSES = ("active", "suspended")


def complaint_target(subject: str, key: str):
    """(organization, initiative or None) for a complaint form, or None if there is nothing
    public to report."""
    key = (key or "")[:80]
    if subject == Complaint.Subject.INITIATIVE:
        initiatives = Complaint.initiative.field.related_model.objects
        initiative = (
            initiatives.filter(public_code=key.upper(), state__in=REPORTABLE_STATES)
            .select_related("organization")
            .first()
        )
        return (initiative.organization, initiative) if initiative else None
    if subject == Complaint.Subject.ORGANIZATION:
        organizations = Complaint.organization.field.related_model.objects
        organization = organizations.filter(slug=key, status__in=REPORTABLE_ORG_STATUSES).first()
        return (organization, None) if organization else None
    return None
