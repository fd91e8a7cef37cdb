"""Organization endpoints (a token): the token's own organization only, each under a scope."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from ninja import Field, Query, Router, Schema
from pydantic import BeforeValidator

from joud.api import selectors
from joud.api.auth import AddressThrottle, TokenAuth, TokenThrottle, require_scope
from joud.api.errors import ErrorOut
from joud.api.pagination import PageParams, page
from joud.api.schemas import amount
from joud.core.tenancy import organization_scope
from joud.disbursements.models import Disbursement
from joud.volunteering.models import Application

router = Router(
    tags=["organization"], auth=TokenAuth(), throttle=[AddressThrottle(), TokenThrottle()]
)
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class MeOut(Schema):
    organization: str
    name_ar: str
    name_en: str
    token: str
    scopes: list[str]
    expires_at: dt.datetime


@router.get("/me", response={200: MeOut, **ERRORS}, url_name="org_me")
def me(request):
    """The token's organization and scopes (any valid token)."""
    token = request.auth
    org = token.organization
    return {
        "organization": org.slug,
        "name_ar": org.name_ar,
        "name_en": org.name_en,
        "token": token.prefix,
        "scopes": token.scopes,
        "expires_at": token.expires_at,
    }


class DonationOut(Schema):
    reference: str
    confirmed_at: dt.datetime | None
    amount: str
    refunded: str
    currency: str
    state: str
    channel: str  # online (a gateway), cash or bank_transfer (recorded offline)
    target: str
    initiative: str | None
    donor_name: str


class DonationPage(Schema):
    items: list[DonationOut]
    next_cursor: str | None


def _iso_day(value):
    """Only YYYY-MM-DD (pydantic would also take a number of seconds since 1970)."""
    if value is None or isinstance(value, dt.date):
        return value
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        raise ValueError("a date is YYYY-MM-DD")
    return value


Day = Annotated[dt.date | None, BeforeValidator(_iso_day)]


class DonationFilters(Schema):
    since: Day = Field(None, description="confirmed on or after (YYYY-MM-DD)")
    until: Day = Field(None, description="confirmed on or before (YYYY-MM-DD)")
    initiative: str = Field("", max_length=12, pattern=r"^[A-Za-z0-9]*$")


@router.get("/donations", response={200: DonationPage, **ERRORS}, url_name="org_donations")
def donations(request, filters: Query[DonationFilters], paging: Query[PageParams]):
    """Confirmed gifts of donors who agreed to be known (anonymous gifts are left out)."""
    token = require_scope(request, "donations")
    with organization_scope(token.organization):
        qs = selectors.known_donations(
            token.organization,
            since=filters.since,
            until=filters.until,
            initiative=filters.initiative,
        )
        items, cursor = page(qs, paging)
    return {
        "items": [
            {
                "reference": d.reference,
                "confirmed_at": d.confirmed_at,
                "amount": amount(d.amount),
                "refunded": amount(d.refunded_amount),
                "currency": d.currency,
                "state": d.state,
                "channel": d.channel,
                "target": d.target,
                "initiative": d.initiative.public_code if d.initiative_id else None,
                "donor_name": d.display_name or d.donor_name,
            }
            for d in items
        ],
        "next_cursor": cursor,
    }


class DisbursementOut(Schema):
    reference: str
    state: str
    purpose: str
    payee_kind: str
    amount: str
    initiative: str | None
    planned_on: dt.date
    approved_at: dt.datetime | None
    paid_at: dt.datetime | None


class DisbursementPage(Schema):
    items: list[DisbursementOut]
    next_cursor: str | None


class DisbursementFilters(Schema):
    state: str = Field("", max_length=12, description="one of the disbursement states")


@router.get(
    "/disbursements", response={200: DisbursementPage, **ERRORS}, url_name="org_disbursements"
)
def disbursements(request, filters: Query[DisbursementFilters], paging: Query[PageParams]):
    """Payments out of the organization's funds (the payee's name and bank account stay in the
    dashboard)."""
    token = require_scope(request, "disbursements")
    state = filters.state if filters.state in Disbursement.State.values else ""
    if filters.state and not state:
        return {"items": [], "next_cursor": None}
    with organization_scope(token.organization):
        items, cursor = page(selectors.disbursements(token.organization, state=state), paging)
    return {
        "items": [
            {
                "reference": d.reference,
                "state": d.state,
                "purpose": d.purpose,
                "payee_kind": d.payee_kind,
                "amount": amount(d.amount),
                "initiative": d.initiative.public_code if d.initiative_id else None,
                "planned_on": d.planned_on,
                "approved_at": d.approved_at,
                "paid_at": d.paid_at,
            }
            for d in items
        ],
        "next_cursor": cursor,
    }


class CaseCountsOut(Schema):
    total: int
    by_status: dict[str, int]
    by_category: dict[str, int]


@router.get("/cases/counts", response={200: CaseCountsOut, **ERRORS}, url_name="org_case_counts")
def case_counts(request):
    """How many beneficiary cases in each status and category: counts only, no person."""
    token = require_scope(request, "cases")
    with organization_scope(token.organization):
        return selectors.case_counts(token.organization)


class SignupOut(Schema):
    id: int
    volunteer_name: str
    opportunity: str
    shift_starts_at: dt.datetime
    status: str
    hours_status: str
    recorded_minutes: int
    approved_minutes: int


class VolunteersOut(Schema):
    volunteers: int
    approved_hours: str
    hours_awaiting_approval: int
    items: list[SignupOut]
    next_cursor: str | None


class VolunteerFilters(Schema):
    hours_status: str = Field("", max_length=10, description="none, pending, approved, disputed")


@router.get("/volunteers", response={200: VolunteersOut, **ERRORS}, url_name="org_volunteers")
def volunteers(request, filters: Query[VolunteerFilters], paging: Query[PageParams]):
    """Volunteers' sign-ups with their hours, and the organization's totals."""
    token = require_scope(request, "volunteers")
    hours = filters.hours_status if filters.hours_status in Application.Hours.values else ""
    with organization_scope(token.organization):
        totals = selectors.volunteer_totals(token.organization)
        if filters.hours_status and not hours:
            items, cursor = [], None
        else:
            qs = selectors.volunteer_signups(token.organization, hours_status=hours)
            items, cursor = page(qs, paging)
    return {
        **totals,
        "items": [
            {
                "id": a.pk,
                "volunteer_name": a.volunteer.full_name,
                "opportunity": a.shift.opportunity.title_ar,
                "shift_starts_at": a.shift.starts_at,
                "status": a.status,
                "hours_status": a.hours_status,
                "recorded_minutes": a.minutes,
                "approved_minutes": a.approved_minutes,
            }
            for a in items
        ],
        "next_cursor": cursor,
    }
