"""Reads about initiatives for the public pages, the organization dashboard and exports.

Public reads cross organizations on purpose: callers wrap them in ``scopes_disabled()``
(the public pages) or run inside the organization's scope (the dashboard).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.campaigns.models import Category, Initiative
from joud.campaigns.search import query_terms
from joud.core.money import quantize
from joud.organizations.models import Organization

State = Initiative.State
ENDING_SOON_DAYS = 7
ALMOST_FUNDED_PERCENT = 75


def initiative_progress(initiative: Initiative) -> tuple[Decimal, int]:
    """(raised, donor count) for one initiative.

    From the ledger's folded totals (one primary-key read, no hot row): it lags the ledger by at
    most the fold interval (about a second). ``joud.ledger.selectors.initiative_raised`` is exact
    at any moment. Every page and export reads progress through this one function.
    """
    from joud.ledger.selectors import initiative_totals

    raised, donations = initiative_totals(initiative)
    return quantize(raised), donations


def initiatives_progress(initiatives) -> dict[int, tuple[Decimal, int]]:
    """``initiative_progress`` for many initiatives in one query (lists, counters, exports).

    Reads the same folded ledger totals as ``initiative_progress``; a page of cards must not
    cost two queries per card.
    """
    items = list(initiatives)
    zero = (quantize(Decimal(0)), 0)
    if not items:
        return {}
    try:
        from joud.ledger.models import AccountTotal
    except ImportError:  # pragma: no cover - the ledger app is always installed
        return {i.pk: initiative_progress(i) for i in items}
    rows = AccountTotal.objects.filter(
        account__initiative_id__in=[i.pk for i in items]
    ).values_list("account__initiative_id", "raised", "donations")
    found = {pk: (quantize(raised), int(donations)) for pk, raised, donations in rows}
    return {i.pk: found.get(i.pk, zero) for i in items}


@dataclass
class Progress:
    raised: Decimal
    donors: int
    goal: Decimal | None

    @property
    def percent(self) -> int:
        if not self.goal:
            return 0
        return max(0, min(100, int(self.raised * 100 / self.goal)))


def attach_progress(initiatives) -> list[Initiative]:
    items = list(initiatives)
    progress = initiatives_progress(items)
    for item in items:
        raised, donors = progress.get(item.pk, (quantize(Decimal(0)), 0))
        item.progress = Progress(raised=raised, donors=donors, goal=item.goal)
    return items


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
CARD_DEFERRED = ("story_ar", "story_en", "report_text", "search_text", "state_reason")


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


_FILTER_ORGANIZATIONS: tuple[float, list] = (0.0, [])
FILTER_ORGANIZATIONS_SECONDS = 60


def filter_organizations() -> list[Organization]:
    """The active organizations for the search page's filter, read at most once a minute per
    process (every search drew them all from the database; a newly licensed organization
    appears in the list within a minute)."""
    import time

    global _FILTER_ORGANIZATIONS
    read_at, items = _FILTER_ORGANIZATIONS
    now = time.monotonic()
    if not items or now - read_at > FILTER_ORGANIZATIONS_SECONDS:
        items = list(
            Organization.objects.filter(status=Organization.Status.ACTIVE).only(
                "slug", "name_ar", "name_en"
            )
        )
        _FILTER_ORGANIZATIONS = (now, items)
    return items


def forget_filter_organizations(**_kwargs) -> None:
    """This process reads the list again (connected to an organization's save and delete)."""
    global _FILTER_ORGANIZATIONS
    _FILTER_ORGANIZATIONS = (0.0, [])


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
        # In SQL, so that paging and the count agree: folded raised >= 75% of the goal.
        from django.db.models import F, OuterRef, Subquery

        from joud.ledger.models import AccountTotal

        raised = AccountTotal.objects.filter(account__initiative_id=OuterRef("pk")).values(
            "raised"
        )[:1]
        qs = qs.annotate(raised_folded=Subquery(raised)).filter(
            goal__gt=0, raised_folded__gte=F("goal") * ALMOST_FUNDED_PERCENT / 100
        )
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
    from django.db.models import Count, Window

    qs = browse_queryset(filters, today=today).defer(*CARD_DEFERRED)
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


def home_page() -> dict:
    live = live_initiatives()
    cards = live.defer(*CARD_DEFERRED)
    latest = attach_progress(cards.order_by("-created_at")[:9])
    urgent = attach_progress(cards.filter(is_urgent=True).order_by("ends_on")[:6])
    featured = attach_progress(cards.filter(is_featured=True).order_by("-created_at")[:6])
    raised, donors = live_totals(live)
    return {
        "urgent": urgent,
        "featured": featured,
        "latest": latest,
        "counters": {
            "initiatives": live.count(),
            "organizations": Organization.objects.filter(status=Organization.Status.ACTIVE).count(),
            "raised": raised,
            "donors": donors,
        },
        "categories": Category.choices,
    }


def live_totals(initiatives: QuerySet[Initiative]) -> tuple[Decimal, int]:
    """National figures in one aggregate over the ledger's folded totals."""
    from django.db.models import Sum

    from joud.ledger.models import AccountTotal

    totals = AccountTotal.objects.filter(
        account__initiative_id__in=initiatives.order_by().values("pk")
    ).aggregate(raised=Sum("raised"), donations=Sum("donations"))
    return quantize(totals["raised"] or Decimal(0)), int(totals["donations"] or 0)


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
    if not org.is_licensed:
        return {"status": "not_licensed", "initiative": initiative}
    if initiative.state in (State.APPROVED, State.LIVE):
        if initiative.ends_on and initiative.ends_on < today:
            return {"status": "expired", "initiative": initiative}
        return {"status": "licensed", "initiative": initiative}
    if initiative.state in (State.ENDED, State.REPORTED, State.CLOSED):
        return {"status": "expired", "initiative": initiative}
    return {"status": "not_licensed", "initiative": initiative}


def organization_public(slug: str) -> Organization | None:
    return (
        Organization.objects.filter(
            slug=slug, status__in=[Organization.Status.ACTIVE, Organization.Status.SUSPENDED]
        )
        .select_related("governorate", "wilayat")
        .first()
    )


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
    from django.db.models import Count

    mine = public_initiatives().filter(organization=org).defer(*CARD_DEFERRED)
    live = mine.filter(state=State.LIVE).order_by("-is_urgent", "ends_on", "-id")
    finished = mine.exclude(state=State.LIVE).order_by("-created_at", "-id")
    counts = dict(mine.values_list("state").annotate(n=Count("pk")).order_by())
    live_total = counts.pop(State.LIVE, 0)
    return OrganizationInitiatives(
        live=attach_progress(live[:ORG_PAGE_LIVE]),
        finished=attach_progress(finished[:ORG_PAGE_FINISHED]),
        live_total=live_total,
        finished_total=sum(counts.values()),
    )


# ---- the organization's own dashboard (runs inside its scope) -------------------------------


@dataclass
class Deadline:
    label: str
    date: dt.date
    overdue: bool


def dashboard_initiatives(*, today: dt.date | None = None, state: str = "") -> list[Initiative]:
    """The scoped organization's initiatives with their next deadline and overdue flags."""
    today = today or timezone.localdate()
    qs = Initiative.objects.all().order_by("-created_at")
    if state in State.values:
        qs = qs.filter(state=state)
    items = attach_progress(qs)
    for item in items:
        item.answer_overdue = bool(
            item.state == State.SUBMITTED and item.answer_due_on and item.answer_due_on < today
        )
        item.report_overdue = bool(
            item.state == State.ENDED and item.report_due_on and item.report_due_on < today
        )
        item.next_deadline = _next_deadline(item, today)
    return items


def _next_deadline(item: Initiative, today: dt.date):
    from django.utils.translation import gettext

    if item.state == State.SUBMITTED and item.answer_due_on:
        return Deadline(
            gettext("Ministry answer due"), item.answer_due_on, item.answer_due_on < today
        )
    if item.state == State.APPROVED and item.starts_on:
        return Deadline(gettext("Starts"), item.starts_on, False)
    if item.state == State.LIVE and item.ends_on:
        return Deadline(gettext("Ends"), item.ends_on, False)
    if item.state == State.ENDED and item.report_due_on:
        return Deadline(gettext("Report due"), item.report_due_on, item.report_due_on < today)
    return None


EXPORT_HEADERS = [
    "code",
    "title_ar",
    "title_en",
    "category",
    "state",
    "starts_on",
    "ends_on",
    "goal_omr",
    "raised_omr",
    "donors",
    "admin_share_percent",
    "submitted_at",
    "answer_due_on",
    "report_due_on",
    "reported_at",
]


def export_rows(items: list[Initiative]) -> list[list]:
    rows = []
    for i in items:
        rows.append(
            [
                i.public_code,
                i.title_ar,
                i.title_en,
                i.category,
                i.state,
                i.starts_on,
                i.ends_on,
                i.goal,
                i.progress.raised,
                i.progress.donors,
                i.admin_share_percent,
                timezone.localtime(i.submitted_at).replace(tzinfo=None) if i.submitted_at else None,
                i.answer_due_on,
                i.report_due_on,
                timezone.localtime(i.reported_at).replace(tzinfo=None) if i.reported_at else None,
            ]
        )
    return rows


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
    from joud.core.models import AuditLogEntry

    entries = list(
        AuditLogEntry.objects.filter(
            object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).select_related("actor")[:limit]
    )
    for entry in entries:
        entry.label = ACTION_LABELS.get(entry.action, entry.action)
    return entries
