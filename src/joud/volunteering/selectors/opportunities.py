"""Opportunities and shifts: the public list and page, and the coordinator's overview and roster."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Organization
from joud.volunteering.models import Application, HoursDispute, Opportunity, Shift

LICENSED = Organization.Status.ACTIVE


def open_opportunities(*, governorate=None, wilayat=None, skill: str = "", query: str = ""):
    """Published opportunities with a shift still to come, from every organization."""
    now = timezone.now()
    with scopes_disabled():  # the public list reads every organization's opportunities
        qs = (
            Opportunity.objects.filter(
                status=Opportunity.Status.PUBLISHED,
                shifts__starts_at__gt=now,
                organization__status=LICENSED,  # only licensed organizations recruit
            )
            .select_related("organization", "wilayat__governorate")
            .annotate(upcoming=Count("shifts", filter=Q(shifts__starts_at__gt=now), distinct=True))
            .order_by("starts_on", "id")
        )
        if governorate:
            qs = qs.filter(wilayat__governorate=governorate)
        if wilayat:
            qs = qs.filter(wilayat=wilayat)
        if query:
            qs = qs.filter(
                Q(title_ar__icontains=query)
                | Q(title_en__icontains=query)
                | Q(description_ar__icontains=query)
            )
        found = list(qs.distinct())
    if skill:  # in Python: JSON containment is not portable to SQLite (the demo's database)
        found = [o for o in found if skill in o.skills]
    return found


@dataclass
class ShiftView:
    shift: Shift
    accepted: int
    waitlisted: int
    mine: Application | None = None

    @property
    def free(self) -> int:
        return max(0, self.shift.capacity - self.accepted)


def opportunity_public(pk: int, *, user=None) -> tuple[Opportunity, list[ShiftView]] | None:
    with scopes_disabled():
        opportunity = (
            Opportunity.objects.select_related("organization", "wilayat__governorate")
            .filter(pk=pk, organization__status=LICENSED)  # unlicensed ones publish nothing
            .exclude(status=Opportunity.Status.DRAFT)
            .first()
        )
        if opportunity is None:
            return None
        shifts = list(
            opportunity.shifts.filter(ends_at__gt=timezone.now()).annotate(
                n_accepted=Count("applications", filter=Q(applications__status="accepted")),
                n_waitlisted=Count("applications", filter=Q(applications__status="waitlisted")),
            )
        )
        mine = {}
        if user is not None and user.is_authenticated:
            mine = {
                a.shift_id: a
                for a in Application.objects.filter(
                    volunteer=user, shift__in=shifts, status__in=Application.ACTIVE
                )
            }
    return opportunity, [ShiftView(s, s.n_accepted, s.n_waitlisted, mine.get(s.pk)) for s in shifts]


def shift_public(pk: int) -> Shift | None:
    with scopes_disabled():
        return (
            Shift.objects.select_related("opportunity__organization", "opportunity__wilayat")
            .filter(pk=pk)
            .first()
        )


def coordinator_overview(organization):
    """Inside the organization's scope (the view's decorator sets it)."""
    now = timezone.now()
    opportunities = list(
        Opportunity.objects.filter(organization=organization).select_related("wilayat")
    )
    shifts = list(
        Shift.objects.filter(ends_at__gt=now - dt.timedelta(days=14))
        .select_related("opportunity")
        .annotate(
            n_accepted=Count("applications", filter=Q(applications__status="accepted")),
            n_waitlisted=Count("applications", filter=Q(applications__status="waitlisted")),
            n_pending_hours=Count("applications", filter=Q(applications__hours_status="pending")),
        )
        .order_by("starts_at")
    )
    disputes = list(
        HoursDispute.objects.filter(status=HoursDispute.Status.OPEN).select_related(
            "application__volunteer", "application__shift__opportunity"
        )
    )
    return {"opportunities": opportunities, "shifts": shifts, "disputes": disputes}


def roster(shift: Shift) -> list[Application]:
    """Inside the organization's scope: everyone who signed up, the waiting list in order."""
    order = {"accepted": 0, "pending_consent": 1, "waitlisted": 2, "declined": 3, "cancelled": 4}
    rows = list(
        shift.applications.select_related("volunteer__volunteer_profile").order_by(
            "queued_at", "id"
        )
    )
    rows.sort(key=lambda a: order.get(a.status, 9))
    for a in rows:
        profile = getattr(a.volunteer, "volunteer_profile", None)
        a.age = profile.age_on(shift.local_date) if profile else None
    return rows


def organization_shifts():
    """Inside the organization's scope (the view's decorator sets it): another organization's
    shift is simply not found."""
    return Shift.objects.select_related("opportunity")


def organization_opportunities():
    """Inside the organization's scope (the view's decorator sets it)."""
    return Opportunity.objects.all()


def shifts_of(opportunity: Opportunity):
    return opportunity.shifts.all()


def opportunities_everywhere():
    """Every organization's opportunities (a volunteer's certificate may name any of them)."""
    with scopes_disabled():
        return Opportunity.objects.all()
