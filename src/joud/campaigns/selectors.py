"""Reads about initiatives for the public pages and the ministry: search, the home page, an
initiative's page, the verify page, an organization's public page, an initiative's history.

Public reads cross organizations on purpose: callers wrap them in ``scopes_disabled()``.
Progress (raised, donors) comes from ``joud.ledger.progress``; the organization's own dashboard
and its export from ``joud.campaigns.dashboard``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns.cards import with_story_lead
from joud.campaigns.models import Category, Initiative
from joud.campaigns.search import query_terms
from joud.core.models import AuditLogEntry
from joud.ledger import progress
from joud.ledger.progress import attach_progress
from joud.organizations import selectors as organization_selectors
from joud.organizations.models import Organization

State = Initiative.State
ENDING_SOON_DAYS = 7
ALMOST_FUNDED_PERCENT = 75
ZERO = Decimal("0.000")


def public_initiatives() -> QuerySet[Initiative]:
    """Initiatives the public can see: collecting now, or finished and accounted for."""
    return (
        Initiative.objects.filter(
            state__in=[State.LIVE, State.ENDED, State.REPORTED, State.CLOSED],
            organization__status__in=[Organization.Status.ACTIVE, Organization.Status.SUSPENDED],
        )
        .select_related("organization", "organization__governorate")
        .prefetch_related("target_wilayats")
    )


def live_initiatives() -> QuerySet[Initiative]:
    return public_initiatives().filter(
        state=State.LIVE, organization__status=Organization.Status.ACTIVE
    )


def search_initiatives(qs: QuerySet[Initiative], query: str) -> QuerySet[Initiative]:
    """Every normalised word of the query must appear (spelling variants folded both sides)."""
    for term in query_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


@dataclass
class BrowseFilters:
    q: str = ""
    category: str = ""
    governorate: str = ""
    organization: str = ""
    ending_soon: bool = False
    almost_funded: bool = False
    include_finished: bool = False

    @classmethod
    def from_query(cls, params) -> BrowseFilters:
        category = params.get("category", "")
        return cls(
            q=(params.get("q") or "").strip()[:100],
            category=category if category in Category.values else "",
            governorate=(params.get("governorate") or "").strip()[:4],
            organization=(params.get("organization") or "").strip()[:80],
            ending_soon=params.get("ending_soon") in ("1", "on", "true"),
            almost_funded=params.get("almost_funded") in ("1", "on", "true"),
            include_finished=params.get("finished") in ("1", "on", "true"),
        )


PAGE_SIZE = 12  # a phone screen scrolls through about this many before it wants "next"
# Columns a card never shows: long texts stay in the database on a results page.
CARD_DEFERRED = ("story_ar", "story_en", "search_text", "state_reason")


@dataclass
class BrowsePage:
    """One page of results: the cards, how many match in all, and where this page sits."""

    items: list[Initiative]
    total: int
    number: int
    pages: int

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def browse_queryset(filters: BrowseFilters, *, today: dt.date | None = None):
    today = today or timezone.localdate()
    qs = public_initiatives() if filters.include_finished else live_initiatives()
    qs = search_initiatives(qs, filters.q)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.governorate:
        matching = Initiative.objects.filter(
            Q(organization__governorate__code=filters.governorate)
            | Q(target_wilayats__governorate__code=filters.governorate)
        ).values("pk")
        qs = qs.filter(pk__in=matching)
    if filters.organization:
        qs = qs.filter(organization__slug=filters.organization)
    if filters.almost_funded:
        qs = progress.funded_at_least(qs, ALMOST_FUNDED_PERCENT)
    if filters.ending_soon:
        return qs.filter(
            state=State.LIVE,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=ENDING_SOON_DAYS),
        ).order_by("ends_on", "-id")
    return qs.order_by("-is_urgent", "-is_featured", "ends_on", "-id")


def browse(
    filters: BrowseFilters,
    *,
    page: int = 1,
    per_page: int = PAGE_SIZE,
    today: dt.date | None = None,
) -> BrowsePage:
    """One page of the public search: every filter, the count and the order in SQL, and only
    ``per_page`` cards read and drawn (a phone does not want 200 cards, nor the server)."""
    qs = with_story_lead(browse_queryset(filters, today=today).defer(*CARD_DEFERRED))
    number = max(1, page)
    # The page and the number of matches in one scan (COUNT(*) OVER ()), not two.
    counted = qs.annotate(matches=Window(Count("pk")))
    items = list(counted[(number - 1) * per_page : number * per_page])
    if items:
        total = items[0].matches
    else:
        total = qs.count()
        if total and number > 1:  # past the end (an old link): the last page instead
            number = -(-total // per_page)
            items = list(counted[(number - 1) * per_page : number * per_page])
    pages = max(1, -(-total // per_page))
    return BrowsePage(items=attach_progress(items), total=total, number=number, pages=pages)


HOME_CARDS = 9  # three rows on a desktop; a phone scrolls nine cards, then "All initiatives"


def live_by_urgency(qs: QuerySet[Initiative] | None = None) -> QuerySet[Initiative]:
    """Live initiatives in the order a donor should meet them: urgent ones first; then those still
    short of a goal, nearest to it first (the gift that finishes a goal); then open-ended ones;
    those that reached their goal last; among equals the one ending soonest. In SQL over the
    folded totals, so that a page of cards is one query."""
    qs = live_initiatives() if qs is None else qs
    money = DecimalField(max_digits=16, decimal_places=3)
    # Two outer joins (initiative -> its fund -> the fund's folded total), not a subquery per
    # row: thousands of live initiatives are sorted in one pass.
    raised = F("ledger_account__total__raised")
    qs = qs.annotate(raised_folded=Coalesce(raised, Value(ZERO), output_field=money))
    qs = qs.annotate(
        goal_band=Case(
            When(goal__gt=0, raised_folded__lt=F("goal"), then=Value(0)),
            When(Q(goal__isnull=True) | Q(goal__lte=0), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        goal_share=Case(
            When(goal__gt=0, then=F("raised_folded") / F("goal")),
            default=Value(ZERO),
            output_field=money,
        ),
    )
    return qs.order_by(
        "-is_urgent", "goal_band", "-goal_share", F("ends_on").asc(nulls_last=True), "-id"
    )


HOME_ORDER_KEY = "joud:home:order"


def home_order() -> list[int]:
    """The home page's cards, as ids in their order: decided on narrow rows (ids and figures,
    thousands of live initiatives sorted in one pass) at most once a second for all nodes (the
    shared cache, as the national figures), since the order moves only when the fold does."""
    ids = cache.get(HOME_ORDER_KEY)
    if ids is None:
        ids = list(live_by_urgency().values_list("pk", flat=True)[:HOME_CARDS])
        cache.set(HOME_ORDER_KEY, ids, HOME_COUNTERS_SECONDS)
    return ids


def home_page() -> dict:
    """One list of live initiatives (no initiative twice on the page), the national figures and
    the categories."""
    ids = home_order()
    found = with_story_lead(live_initiatives().defer(*CARD_DEFERRED)).in_bulk(ids)
    return {
        "initiatives": attach_progress(found[pk] for pk in ids if pk in found),
        "counters": home_counters(),
        "categories": Category.choices,
    }


# The home page's national figures change only when the ledger's fold moves the totals (every
# second): they are read at most once a second for all nodes (the shared cache), not in three
# aggregates on every view of the busiest page.
HOME_COUNTERS_KEY = "joud:home:counters"
HOME_COUNTERS_SECONDS = 1


def home_counters() -> dict:
    """Live initiatives, licensed organizations, and what the live initiatives raised (from the
    folded totals) and from how many donations; at most a second old."""
    counters = cache.get(HOME_COUNTERS_KEY)
    if counters is None:
        live = live_initiatives()
        raised, donors = live_totals(live)
        counters = {
            "initiatives": live.count(),
            "organizations": organization_selectors.licensed_count(),
            "raised": raised,
            "donors": donors,
        }
        cache.set(HOME_COUNTERS_KEY, counters, HOME_COUNTERS_SECONDS)
    return counters


def live_totals(initiatives: QuerySet[Initiative]) -> tuple[Decimal, int]:
    """National figures in one aggregate over the ledger's folded totals."""
    return progress.totals(initiatives)


def initiative_for_public(code: str) -> Initiative | None:
    item = (
        Initiative.objects.filter(public_code=code.upper())
        .select_related("organization", "organization__governorate", "organization__wilayat")
        .prefetch_related("target_wilayats")
        .first()
    )
    if item is None:
        return None
    return attach_progress([item])[0]


def initiative_is_public(initiative: Initiative) -> bool:
    return initiative.state in (
        State.LIVE,
        State.ENDED,
        State.REPORTED,
        State.CLOSED,
        State.SUSPENDED,
    ) or (initiative.state == State.APPROVED)


def verify_code(code: str, *, today: dt.date | None = None) -> dict:
    """What the public sees when it checks an appeal's code."""
    today = today or timezone.localdate()
    code = (code or "").strip().upper()
    initiative = (
        Initiative.objects.filter(public_code=code).select_related("organization").first()
        if code
        else None
    )
    if initiative is None:
        return {"status": "unknown", "code": code}
    org = initiative.organization
    if org.status == Organization.Status.SUSPENDED:
        return {"status": "suspended", "initiative": initiative, "organization_suspended": True}
    if initiative.state == State.SUSPENDED:
        return {"status": "suspended", "initiative": initiative}
    if org.status == Organization.Status.ACTIVE and org.licence_expired:
        return {"status": "licence_expired", "initiative": initiative}
    if not org.is_licensed:
        return {"status": "not_licensed", "initiative": initiative}
    if initiative.state in (State.APPROVED, State.LIVE):
        if initiative.ends_on and initiative.ends_on < today:
            return {"status": "expired", "initiative": initiative}
        return {"status": "licensed", "initiative": initiative}
    if initiative.state in (State.ENDED, State.REPORTED, State.CLOSED):
        return {"status": "expired", "initiative": initiative}
    return {"status": "not_licensed", "initiative": initiative}


ORG_PAGE_LIVE = 12
ORG_PAGE_FINISHED = 6


@dataclass
class OrganizationInitiatives:
    """What the organization's public page shows: its newest live and finished initiatives and
    how many there are in all (the rest are one link away, in the paged search)."""

    live: list[Initiative]
    finished: list[Initiative]
    live_total: int
    finished_total: int


def organization_public_initiatives(org: Organization) -> OrganizationInitiatives:
    mine = public_initiatives().filter(organization=org).defer(*CARD_DEFERRED)
    cards = with_story_lead(mine)
    live = cards.filter(state=State.LIVE).order_by("-is_urgent", "ends_on", "-id")
    finished = cards.exclude(state=State.LIVE).order_by("-created_at", "-id")
    counts = dict(mine.values_list("state").annotate(n=Count("pk")).order_by())
    live_total = counts.pop(State.LIVE, 0)
    return OrganizationInitiatives(
        live=attach_progress(live[:ORG_PAGE_LIVE]),
        finished=attach_progress(finished[:ORG_PAGE_FINISHED]),
        live_total=live_total,
        finished_total=sum(counts.values()),
    )


# ---- the history of an initiative or an organization, from the audit log ---------------------

ACTION_LABELS = {
    "joud.initiative.created": _("Draft created"),
    "joud.initiative.edited": _("Draft edited"),
    "joud.initiative.cover_changed": _("Cover changed"),
    "joud.initiative.submitted": _("Submitted to the ministry"),
    "joud.initiative.approved": _("Approved by the ministry"),
    "joud.initiative.rejected": _("Rejected by the ministry"),
    "joud.initiative.changes_requested": _("Changes requested by the ministry"),
    "joud.initiative.started": _("Went live"),
    "joud.initiative.live": _("Went live"),
    "joud.initiative.ended": _("Ended"),
    "joud.initiative.reported": _("Report sent"),
    "joud.initiative.report_returned": _("Report returned by the ministry"),
    "joud.initiative.report_overdue": _("Report overdue"),
    "joud.initiative.closed": _("Closed by the ministry"),
    "joud.initiative.suspended": _("Suspended by the ministry"),
    "joud.initiative.reinstated": _("Suspension lifted"),
    "joud.initiative.update_posted": _("Update posted"),
    "joud.final_report.reminder_sent": _("Reminder: the final report is due soon"),
    "joud.final_report.warning_sent": _("Warning: the final report is due today"),
    "joud.final_report.submissions_blocked": _("Report late: new initiatives stopped"),
    "joud.organization.applied": _("Applied for a licence"),
    "joud.organization.resubmitted": _("Application sent again"),
    "joud.organization.approved": _("Licence approved"),
    "joud.organization.rejected": _("Application rejected"),
    "joud.organization.changes_requested": _("Changes requested by the ministry"),
    "joud.organization.warned": _("Warning issued"),
    "joud.organization.suspended": _("Licence suspended"),
    "joud.organization.reinstated": _("Suspension lifted"),
}


def history(obj, limit: int = 50) -> list:
    """Audit entries about ``obj``, newest first, each with a readable ``label``."""
    entries = list(
        AuditLogEntry.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).select_related("actor")[:limit]
    )
    for entry in entries:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
    return entries
