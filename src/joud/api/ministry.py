"""Ministry endpoints (a ministry token): the console's queues (licence applications, campaign
approvals, complaints) and its decisions. A decision is the console's own: the same functions
of ``joud.ministry`` (the workflow's transition, the audit log, the sanction, the notice), taken
in the name of the officer who issued the token. Every decision takes an Idempotency-Key."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Header, Query, Router, Schema, Status
from pydantic import AfterValidator

from joud.api.auth import AddressThrottle, MinistryTokenAuth, TokenThrottle, require_scope
from joud.api.errors import NOT_FOUND, ApiError, ErrorOut
from joud.api.idempotency import idempotent
from joud.api.pagination import PageParams, page
from joud.api.schemas import amount
from joud.complaints import selectors as complaint_selectors
from joud.core.audit import audit_log
from joud.core.tenancy import scopes_disabled
from joud.ministry import complaints, selectors, services

router = Router(
    tags=["ministry"], auth=MinistryTokenAuth(), throttle=[AddressThrottle(), TokenThrottle()]
)
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = {**ERRORS, 422: ErrorOut}
IdempotencyKey = Header[str | None, {"alias": "Idempotency-Key", "max_length": 100}]

LICENCE_DECISIONS = {
    "approve": services.organization_approve,
    "reject": services.organization_reject,
    "changes": services.organization_request_changes,
}
INITIATIVE_DECISIONS = {
    "approve": services.initiative_approve,
    "reject": services.initiative_reject,
    "changes": services.initiative_request_changes,
}


class MinistryMeOut(Schema):
    token: str
    officer: str
    scopes: list[str]
    expires_at: dt.datetime


@router.get("/me", response={200: MinistryMeOut, **ERRORS}, url_name="ministry_me")
def me(request):
    """The token, its scopes and the officer it acts for (any valid ministry token)."""
    token = request.auth
    return {
        "token": token.prefix,
        "officer": token.created_by.full_name or token.created_by.email,
        "scopes": token.scopes,
        "expires_at": token.expires_at,
    }


def _printable(value: str) -> str:
    """A reason is text: no NUL byte or other control character (a new line and a tab are
    fine), which the database would refuse with a server error."""
    if any(ch in value for ch in "\x00\x7f") or any(
        ord(ch) < 32 and ch not in "\n\r\t" for ch in value
    ):
        raise ValueError("a reason is plain text")
    return value


Reason = Annotated[str, AfterValidator(_printable)]


class DecisionIn(Schema):
    decision: Literal["approve", "reject", "changes"]
    reason: Reason = Field("", max_length=5000)


class QueueFilters(Schema):
    governorate: str = Field("", max_length=4, pattern=r"^[A-Za-z0-9]*$")
    overdue: bool = Field(False, description="only those past their answer date")


def _filters(filters: QueueFilters) -> selectors.ConsoleFilters:
    return selectors.ConsoleFilters(governorate=filters.governorate, overdue_only=filters.overdue)


def _decided(token, kind: str, key: str, decision: str, target) -> None:
    """The API's own line beside the decision's audit entry: which token took it."""
    audit_log(
        action="joud.ministry_token.decided",
        actor=token.created_by,
        target=target,
        data={"token": token.prefix, "kind": kind, "key": key, "decision": decision},
    )


# ---- licence applications --------------------------------------------------------------------


class ApplicationOut(Schema):
    slug: str
    name_ar: str
    name_en: str
    kind: str
    status: str
    governorate: str | None
    applied_at: dt.datetime | None
    answer_due_on: dt.date | None
    overdue: bool


class ApplicationPage(Schema):
    items: list[ApplicationOut]
    next_cursor: str | None


def _application(org, today) -> dict:
    due = org.answer_due_on
    return {
        "slug": org.slug,
        "name_ar": org.name_ar,
        "name_en": org.name_en,
        "kind": org.kind,
        "status": org.status,
        "governorate": org.governorate.code if org.governorate_id else None,
        "applied_at": org.applied_at,
        "answer_due_on": due,
        "overdue": bool(due and due < today),
    }


@router.get("/licences", response={200: ApplicationPage, **ERRORS}, url_name="ministry_licences")
def licence_queue(request, filters: Query[QueueFilters], paging: Query[PageParams]):
    """Licence applications waiting for a decision (newest first; answer_due_on says which
    are late)."""
    require_scope(request, "licences")
    today = timezone.localdate()
    with scopes_disabled():
        items, cursor = page(selectors.organization_queue(_filters(filters), today=today), paging)
    return {"items": [_application(o, today) for o in items], "next_cursor": cursor}


@router.post(
    "/licences/{slug}/decision",
    response={200: ApplicationOut, **WRITE_ERRORS},
    url_name="ministry_licence_decide",
)
def licence_decide(request, slug: str, data: DecisionIn, idempotency_key: IdempotencyKey = None):
    """Approve, reject or ask for changes to a licence application (a reason is required to
    reject or ask for changes), as the console does."""
    token = require_scope(request, "licences", "write")

    def write():
        with scopes_disabled():
            org = selectors.organizations().filter(slug=slug[:80]).first()
            if org is None:
                raise ApiError(404, "not_found", NOT_FOUND)
            org = LICENCE_DECISIONS[data.decision](
                organization=org, reviewer=token.created_by, reason=data.reason
            )
            _decided(token, "licence", org.slug, data.decision, org)
            body = _application(org, timezone.localdate())
        body["applied_at"] = body["applied_at"].isoformat() if body["applied_at"] else None
        body["answer_due_on"] = body["answer_due_on"].isoformat() if body["answer_due_on"] else None
        return 200, body

    return Status(*idempotent(request, write))


# ---- campaign approvals ----------------------------------------------------------------------


class SubmissionOut(Schema):
    code: str
    title_ar: str
    title_en: str
    category: str
    state: str
    organization: str
    goal: str | None
    submitted_at: dt.datetime | None
    answer_due_on: dt.date | None
    overdue: bool


class SubmissionPage(Schema):
    items: list[SubmissionOut]
    next_cursor: str | None


def _submission(item, today) -> dict:
    due = item.answer_due_on
    return {
        "code": item.public_code,
        "title_ar": item.title_ar,
        "title_en": item.title_en,
        "category": item.category,
        "state": item.state,
        "organization": item.organization.slug,
        "goal": amount(item.goal, item.currency),
        "submitted_at": item.submitted_at,
        "answer_due_on": due,
        "overdue": bool(due and due < today),
    }


@router.get(
    "/initiatives", response={200: SubmissionPage, **ERRORS}, url_name="ministry_initiatives"
)
def initiative_queue(request, filters: Query[QueueFilters], paging: Query[PageParams]):
    """Campaigns submitted for a permit and waiting for a decision."""
    require_scope(request, "initiatives")
    today = timezone.localdate()
    with scopes_disabled():
        qs = selectors.initiative_queue(_filters(filters), today=today)
        items, cursor = page(qs, paging)
    return {"items": [_submission(i, today) for i in items], "next_cursor": cursor}


@router.post(
    "/initiatives/{code}/decision",
    response={200: SubmissionOut, **WRITE_ERRORS},
    url_name="ministry_initiative_decide",
)
def initiative_decide(request, code: str, data: DecisionIn, idempotency_key: IdempotencyKey = None):
    """Grant the permit, refuse it, or send the campaign back for changes, as the console
    does."""
    token = require_scope(request, "initiatives", "write")

    def write():
        with scopes_disabled():
            item = selectors.initiatives().filter(public_code=code.upper()[:12]).first()
            if item is None:
                raise ApiError(404, "not_found", NOT_FOUND)
            item = INITIATIVE_DECISIONS[data.decision](
                initiative=item, reviewer=token.created_by, reason=data.reason
            )
            _decided(token, "initiative", item.public_code, data.decision, item)
            body = _submission(item, timezone.localdate())
        body["submitted_at"] = body["submitted_at"].isoformat() if body["submitted_at"] else None
        body["answer_due_on"] = body["answer_due_on"].isoformat() if body["answer_due_on"] else None
        return 200, body

    return Status(*idempotent(request, write))


# ---- complaints ------------------------------------------------------------------------------


class ComplaintOut(Schema):
    reference: str
    subject: str
    reason: str
    details: str
    organization: str
    initiative: str | None
    outcome: str
    received_at: dt.datetime
    answer_due_on: dt.date
    working_days_left: int
    decided_at: dt.datetime | None


class ComplaintPage(Schema):
    items: list[ComplaintOut]
    next_cursor: str | None


class ComplaintFilters(Schema):
    decided: bool = Field(False, description="include the complaints already decided")


def _complaint(item) -> dict:
    return {
        "reference": item.reference,
        "subject": item.subject,
        "reason": item.reason,
        "details": item.details,  # the complainant's contact stays in the console
        "organization": item.organization.slug,
        "initiative": item.initiative.public_code if item.initiative_id else None,
        "outcome": item.outcome,
        "received_at": item.created_at,
        "answer_due_on": item.answer_due_on,
        "working_days_left": item.working_days_left,
        "decided_at": item.decided_at,
    }


@router.get("/complaints", response={200: ComplaintPage, **ERRORS}, url_name="ministry_complaints")
def complaint_queue(request, filters: Query[ComplaintFilters], paging: Query[PageParams]):
    """Complaints from the public, open ones with their working-day clock."""
    require_scope(request, "complaints")
    today = timezone.localdate()
    with scopes_disabled():
        qs = complaint_selectors.queue(open_only=not filters.decided)
        items, cursor = page(qs, paging)
        items = complaint_selectors.with_clock(items, today=today)
    return {"items": [_complaint(c) for c in items], "next_cursor": cursor}


class ComplaintDecisionIn(Schema):
    outcome: Literal["dismissed", "warning", "suspension"]
    reason: Reason = Field(..., min_length=1, max_length=5000)


@router.post(
    "/complaints/{reference}/decision",
    response={200: ComplaintOut, **WRITE_ERRORS},
    url_name="ministry_complaint_decide",
)
def complaint_decide(
    request, reference: str, data: ComplaintDecisionIn, idempotency_key: IdempotencyKey = None
):
    """Dismiss a complaint, or uphold it with a warning or a suspension of the organization
    (the ministry's penalty ladder), as the console does."""
    token = require_scope(request, "complaints", "write")

    def write():
        with scopes_disabled():
            qs = complaint_selectors.queue(open_only=False)
            item = qs.filter(reference=reference.upper()[:12]).first()
            if item is None:
                raise ApiError(404, "not_found", NOT_FOUND)
            item = complaints.complaint_decide(
                complaint=item, reviewer=token.created_by, outcome=data.outcome, reason=data.reason
            )
            _decided(token, "complaint", item.reference, data.outcome, item)
            item = complaint_selectors.with_clock([item], today=timezone.localdate())[0]
            body = _complaint(item)
        for key in ("received_at", "answer_due_on", "decided_at"):
            body[key] = body[key].isoformat() if body[key] else None
        return 200, body

    return Status(*idempotent(request, write))
