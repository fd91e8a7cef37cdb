"""Public endpoints: anyone may read them without a token. Each reuses the selector the public
pages use, so the API can never show more (or other) than the site does."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from joud.api import selectors
from joud.api.auth import AddressThrottle
from joud.api.errors import NOT_FOUND, ApiError, ErrorOut, bilingual
from joud.api.pagination import PageParams, page
from joud.api.schemas import (
    InitiativeOut,
    InitiativePage,
    OpenDataOut,
    OrganizationOut,
    OrganizationPage,
    TotalsOut,
    VerifyOut,
    amount,
)
from joud.campaigns import selectors as campaigns
from joud.campaigns.models import Category, Initiative
from joud.core.tenancy import scopes_disabled
from joud.donations.finance.selectors import initiative_by_code
from joud.ledger.progress import attach_progress
from joud.organizations import selectors as organizations
from joud.organizations.models import Organization
from joud.receipts.verification import verify_any
from joud.transparency import selectors as open_data
from joud.transparency.catalogue import LICENCE_SPDX
from joud.transparency.money_views import statement_data
from joud.transparency.public_money import statement
from joud.transparency.scorecards import latest_scorecard

router = Router(tags=["public"], throttle=[AddressThrottle()])
ERRORS = {400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


def _not_found():
    return ApiError(404, "not_found", NOT_FOUND)


def _code(code: str) -> str:
    code = code.strip().upper()
    return code if code.isascii() and code.isalnum() and len(code) <= 20 else ""


def initiative_out(request, item: Initiative) -> dict:
    org = item.organization
    return {
        "code": item.public_code,
        "title_ar": item.title_ar,
        "title_en": item.title_en,
        "category": item.category,
        "state": item.state,
        "organization": {"slug": org.slug, "name_ar": org.name_ar, "name_en": org.name_en},
        "goal": amount(item.goal),
        "raised": amount(item.progress.raised),
        "donations": item.progress.donors,
        "percent": item.progress.percent,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "is_urgent": item.is_urgent,
        "url": request.build_absolute_uri(reverse("campaigns:detail", args=[item.public_code])),
    }


class InitiativeFilters(Schema):
    q: str = Field("", max_length=100, description="words of the title or story (Arabic folded)")
    category: str = Field("", max_length=20, description="one of the initiative categories")
    governorate: str = Field("", max_length=4, description="governorate code, e.g. MA")
    organization: str = Field("", max_length=80, description="organization slug")
    ending_soon: bool = False
    almost_funded: bool = False
    finished: bool = Field(False, description="include finished initiatives")


@router.get("/initiatives", response={200: InitiativePage, **ERRORS}, url_name="initiatives")
def initiatives(request, filters: Query[InitiativeFilters], paging: Query[PageParams]):
    """Search and filter the public initiatives (the site's search), newest first."""
    browse = campaigns.BrowseFilters(
        q=filters.q.strip(),
        category=filters.category if filters.category in Category.values else "",
        governorate=filters.governorate.strip(),
        organization=filters.organization.strip(),
        ending_soon=filters.ending_soon,
        almost_funded=filters.almost_funded,
        include_finished=filters.finished,
    )
    if filters.category and filters.category not in Category.values:
        return {"items": [], "next_cursor": None}
    with scopes_disabled():
        qs = campaigns.browse_queryset(browse).defer(*campaigns.CARD_DEFERRED)
        items, cursor = page(qs, paging)
        items = attach_progress(items)
    return {"items": [initiative_out(request, i) for i in items], "next_cursor": cursor}


def _public_initiative(code: str) -> Initiative:
    """Only what the public search shows (live or finished and accounted for)."""
    code = _code(code)
    with scopes_disabled():
        item = campaigns.public_initiatives().filter(public_code=code).first() if code else None
        if item is None:
            raise _not_found()
        return attach_progress([item])[0]


@router.get("/initiatives/{code}", response={200: InitiativeOut, **ERRORS}, url_name="initiative")
def initiative(request, code: str):
    """One public initiative with its progress."""
    return initiative_out(request, _public_initiative(code))


@router.get(
    "/initiatives/{code}/money", response={200: dict, **ERRORS}, url_name="initiative_money"
)
def initiative_money(request, code: str):
    """Money in and out of one initiative, from the ledger (the page's JSON)."""
    code = _code(code)
    with scopes_disabled():
        item = initiative_by_code(code) if code else None
        if item is None:
            raise _not_found()
        return statement_data(statement(initiative=item), request)


def _scorecard(org: Organization) -> dict | None:
    shown = latest_scorecard(org)
    if shown is None:
        return None
    row = shown.row
    return {
        "quarter": row.quarter,
        "computed_on": row.computed_on,
        "score": row.score,
        "coverage": f"{row.coverage}",
        "percentile": row.percentile,
        "parts": row.parts,
    }


def organization_out(request, org: Organization, *, scorecard: bool = True) -> dict:
    return {
        "slug": org.slug,
        "name_ar": org.name_ar,
        "name_en": org.name_en,
        "kind": org.kind,
        "status": org.status,
        "licence_number": org.licence_number,
        "licence_expires_on": org.licence_expires_on,
        "governorate": org.governorate.code if org.governorate_id else None,
        "description_ar": org.description_ar,
        "description_en": org.description_en,
        "website": org.website,
        "scorecard": _scorecard(org) if scorecard else None,
        "url": request.build_absolute_uri(reverse("campaigns:organization", args=[org.slug])),
    }


@router.get("/organizations", response={200: OrganizationPage, **ERRORS}, url_name="organizations")
def organization_list(request, paging: Query[PageParams]):
    """Licensed (and suspended) organizations, newest first; the scorecard is on each one's
    own address."""
    with scopes_disabled():
        qs = Organization.objects.filter(status__in=organizations.PUBLIC_STATUSES).select_related(
            "governorate"
        )
        items, cursor = page(qs, paging)
    return {
        "items": [organization_out(request, o, scorecard=False) for o in items],
        "next_cursor": cursor,
    }


def _organization(slug: str) -> Organization:
    slug = slug.strip()[:80]
    with scopes_disabled():
        org = organizations.organization_public(slug) if slug.isascii() else None
    if org is None:
        raise _not_found()
    return org


@router.get(
    "/organizations/{slug}", response={200: OrganizationOut, **ERRORS}, url_name="organization"
)
def organization(request, slug: str):
    """An organization's public profile with its newest performance scorecard."""
    org = _organization(slug)
    with scopes_disabled():
        return organization_out(request, org)


@router.get(
    "/organizations/{slug}/money", response={200: dict, **ERRORS}, url_name="organization_money"
)
def organization_money(request, slug: str):
    """Money in and out of all an organization's funds, from the ledger."""
    org = _organization(slug)
    with scopes_disabled():
        return statement_data(statement(organization=org), request)


@router.get("/totals", response={200: TotalsOut, **ERRORS}, url_name="totals")
def totals(request):
    """The national counters of the home page. ``raised_live`` counts every confirmed gift to
    a live initiative, net of refunds: those paid online through a gateway and those an
    organization received itself (cash, bank transfer) and recorded as offline gifts;
    ``offline_raised_live`` is the part of it recorded offline."""
    with scopes_disabled():
        live = campaigns.live_initiatives()
        raised, donations = campaigns.live_totals(live)
        return {
            "currency": "OMR",
            "live_initiatives": live.count(),
            "licensed_organizations": organizations.licensed_count(),
            "raised_live": amount(raised),
            "donations_live": donations,
            "offline_raised_live": amount(selectors.offline_raised(live)),
        }


@router.get("/verify/{code}", response={200: VerifyOut, **ERRORS}, url_name="verify")
def verify(request, code: str):
    """What the verify box answers for a printed code (an initiative, a receipt's number, a
    certificate, a waqf share, a case): status ``unknown`` when Joud printed no such code,
    ``invalid`` (with a message) when the input cannot be read."""
    return _verify_answer(request, code)


@router.get("/verify", response={200: VerifyOut, **ERRORS}, url_name="verify_link")
def verify_link(request, code: str):
    """The same answer for a pasted link (``?code=https://…/receipts/verify/…``) or a code."""
    return _verify_answer(request, code)


def _verify_answer(request, code: str) -> dict:
    found = verify_any(code, request_host=request.get_host())
    item = found.initiative
    org = found.organization
    arabic, english = bilingual(found.message) if found.problem else (None, None)
    return {
        "code": found.code,
        "kind": found.kind or None,
        "status": found.status,
        "problem": found.problem or None,
        "message_ar": arabic,
        "message_en": english,
        "initiative": item.public_code if item is not None else None,
        "title_ar": item.title_ar if item is not None else None,
        "title_en": item.title_en if item is not None else None,
        "organization": (
            {"slug": org.slug, "name_ar": org.name_ar, "name_en": org.name_en} if org else None
        ),
        "ends_on": item.ends_on if item is not None else None,
        "issued_on": timezone.localdate(found.issued_at) if found.issued_at else None,
        "state": found.state or None,
        "amount": amount(found.amount),
        "amount_needed": amount(found.amount_needed),
        "amount_raised": amount(found.amount_raised),
        "hours": str(found.hours) if found.hours is not None else None,
    }


@router.get("/open-data", response={200: OpenDataOut, **ERRORS}, url_name="open_data")
def open_data_files(request):
    """The open data's files (CC BY 4.0), each with its stable address and checksum."""
    release, files = open_data.catalogue_with_files()
    out = []
    for described, published in files:
        title_ar, title_en = bilingual(described.title)
        out.append(
            {
                "name": described.name,
                "title_ar": title_ar,
                "title_en": title_en,
                "url": request.build_absolute_uri(
                    reverse("transparency:file", args=[described.name])
                ),
                "published": published is not None,
                "sha256": published.sha256 if published else None,
                "rows": published.rows if published else None,
                "bytes": published.size if published else None,
            }
        )
    return {
        "licence": LICENCE_SPDX,
        "generated_at": release.generated_at if release else None,
        "files": out,
    }
