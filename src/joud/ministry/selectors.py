"""Reads for the ministry console: queues, overdue items, sanctions, national counters.

The ministry reads across organizations: callers run these inside ``scopes_disabled()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import Category, Initiative
from joud.campaigns.reporting import report_money, report_of
from joud.campaigns.selectors import (
    history,
    live_initiatives,
    live_totals,
    search_initiatives,
)
from joud.campaigns.services import initiative_rule_problems
from joud.core.bounds import MAX_DB_ID, bounded_int
from joud.core.models import AuditLogEntry
from joud.geo.models import Governorate
from joud.ledger.progress import attach_progress
from joud.ministry.models import Sanction
from joud.organizations.models import Organization, OrganizationDocument
from joud.organizations.selectors import documents_of

State = Initiative.State
OrgStatus = Organization.Status


@dataclass
class ConsoleFilters:
    governorate: str = ""
    kind: str = ""
    category: str = ""
    overdue_only: bool = False
    q: str = ""

    @classmethod
    def from_query(cls, params) -> ConsoleFilters:
        kind = params.get("kind", "")
        category = params.get("category", "")
        return cls(
            governorate=(params.get("governorate") or "")[:4],
            kind=kind if kind in Organization.Kind.values else "",
            category=category if category in Category.values else "",
            overdue_only=params.get("overdue") in ("1", "on", "true"),
            q=(params.get("q") or "").strip()[:100],
        )


def organization_queue(filters: ConsoleFilters, *, today: dt.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    qs = Organization.objects.filter(status=OrgStatus.PENDING).select_related(
        "governorate", "wilayat"
    )
    if filters.governorate:
        qs = qs.filter(governorate__code=filters.governorate)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.overdue_only:
        qs = qs.filter(answer_due_on__lt=today)
    if filters.q:
        qs = qs.filter(name_ar__icontains=filters.q) | qs.filter(name_en__icontains=filters.q)
    return qs.order_by("answer_due_on", "applied_at")


def initiative_queue(filters: ConsoleFilters, *, today: dt.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    qs = Initiative.objects.filter(state=State.SUBMITTED).select_related(
        "organization", "organization__governorate"
    )
    if filters.governorate:
        qs = qs.filter(organization__governorate__code=filters.governorate)
    if filters.kind:
        qs = qs.filter(organization__kind=filters.kind)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.overdue_only:
        qs = qs.filter(answer_due_on__lt=today)
    if filters.q:
        qs = search_initiatives(qs, filters.q)
    return qs.order_by("answer_due_on", "submitted_at")


def overdue_answers(*, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    return {
        "organizations": list(
            Organization.objects.filter(status=OrgStatus.PENDING, answer_due_on__lt=today)
            .select_related("governorate")
            .order_by("answer_due_on")
        ),
        "initiatives": list(
            Initiative.objects.filter(state=State.SUBMITTED, answer_due_on__lt=today)
            .select_related("organization")
            .order_by("answer_due_on")
        ),
    }


def overdue_reports(*, today: dt.date | None = None) -> list[Initiative]:
    today = today or timezone.localdate()
    return list(
        Initiative.objects.filter(state=State.ENDED, report_due_on__lt=today)
        .select_related("organization")
        .order_by("report_due_on")
    )


def reports_to_review() -> list[Initiative]:
    return list(
        Initiative.objects.filter(state=State.REPORTED)
        .select_related("organization")
        .order_by("reported_at")
    )


def recent_sanctions(limit: int = 20) -> list[Sanction]:
    return list(Sanction.objects.select_related("organization", "initiative", "issued_by")[:limit])


def suspended() -> dict:
    return {
        "organizations": list(Organization.objects.filter(status=OrgStatus.SUSPENDED)),
        "initiatives": list(
            Initiative.objects.filter(state=State.SUSPENDED).select_related("organization")
        ),
    }


def national_counters(filters: ConsoleFilters | None = None) -> dict:
    """The console's figures. "Live initiatives" is the home page's figure (the one selector,
    ``campaigns.selectors.live_initiatives``: collecting now, from a licensed organization);
    a live initiative of a suspended organization is counted apart, as not collecting."""
    filters = filters or ConsoleFilters()
    orgs = Organization.objects.all()
    inits = Initiative.objects.all()
    live = live_initiatives()
    if filters.governorate:
        orgs = orgs.filter(governorate__code=filters.governorate)
        inits = inits.filter(organization__governorate__code=filters.governorate)
        live = live.filter(organization__governorate__code=filters.governorate)
    if filters.kind:
        orgs = orgs.filter(kind=filters.kind)
        inits = inits.filter(organization__kind=filters.kind)
        live = live.filter(organization__kind=filters.kind)
    if filters.category:
        inits = inits.filter(category=filters.category)
        live = live.filter(category=filters.category)
    by_status = dict(orgs.values_list("status").annotate(n=Count("id")).order_by())
    by_state = dict(inits.values_list("state").annotate(n=Count("id")).order_by())
    by_kind = dict(
        orgs.filter(status=OrgStatus.ACTIVE).values_list("kind").annotate(n=Count("id")).order_by()
    )
    live_count = live.count()
    raised, donors = live_totals(live)
    by_state_rows = []
    for value, label in State.choices:
        if value == State.LIVE:
            by_state_rows.append((label, live_count))
            held = by_state.get(value, 0) - live_count
            if held:
                by_state_rows.append((_("Live, not collecting (organization suspended)"), held))
        else:
            by_state_rows.append((label, by_state.get(value, 0)))
    return {
        "organizations_by_status": [
            (label, by_status.get(value, 0)) for value, label in OrgStatus.choices
        ],
        "initiatives_by_state": by_state_rows,
        "active_by_kind": [
            (label, by_kind.get(value, 0)) for value, label in Organization.Kind.choices
        ],
        "live_count": live_count,
        "raised_live": raised,
        "donors_live": donors,
    }


def organization_file(org: Organization) -> dict:
    """What the reviewer reads about one organization: its documents, initiatives, sanctions,
    members and history."""
    return {
        "documents": documents_of(org),
        "initiatives": attach_progress(
            Initiative.objects.filter(organization=org).order_by("-created_at")[:50]
        ),
        "sanctions": list(Sanction.objects.filter(organization=org)),
        "members": list(org.memberships.select_related("user")),
        "history": history(org),
    }


def initiative_file(initiative: Initiative) -> dict:
    """What the reviewer reads about one initiative; the rules it broke are judged on the day it
    was submitted."""
    submitted = initiative.state == State.SUBMITTED and initiative.submitted_at
    return {
        "initiative": attach_progress([initiative])[0],
        "organization": initiative.organization,
        "updates": list(initiative.updates.all()[:20]),
        "history": history(initiative),
        "problems": initiative_rule_problems(initiative, today=initiative.submitted_at.date())
        if submitted
        else [],
        "report": report_of(initiative),
        "money": report_money(initiative)
        if initiative.state in (State.ENDED, State.REPORTED, State.CLOSED)
        else None,
    }


def audit_entries(*, action: str = "", organization: str = "") -> QuerySet[AuditLogEntry]:
    """The audit trail, newest first, by action prefix and organization id."""
    entries = AuditLogEntry.objects.select_related("actor", "organization")
    if action:
        entries = entries.filter(action__startswith=action)
    if organization:
        # A number no id can have (or not a number) matches no organization.
        organization_id = bounded_int(organization, low=1, high=MAX_DB_ID)
        if organization_id is None:
            return entries.none()
        entries = entries.filter(organization_id=organization_id)
    return entries


def organizations() -> QuerySet[Organization]:
    """Every organization, with its place (the review pages look one up by slug)."""
    return Organization.objects.select_related("governorate", "wilayat")


def initiatives() -> QuerySet[Initiative]:
    """Every initiative, with its organization (the review pages look one up by public code)."""
    return Initiative.objects.select_related("organization")


def organization_documents() -> QuerySet[OrganizationDocument]:
    return OrganizationDocument.objects.all()


def governorates() -> QuerySet[Governorate]:
    return Governorate.objects.all()
