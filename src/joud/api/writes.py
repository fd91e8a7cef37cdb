"""Organization endpoints that change something: webhook endpoints and sending a delivery
again. Every write takes an Idempotency-Key (``joud.api.idempotency``)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Header, Query, Router, Schema, Status

from joud.api import selectors
from joud.api.auth import AddressThrottle, TokenAuth, TokenThrottle, require_scope
from joud.api.errors import NOT_FOUND, ApiError, ErrorOut
from joud.api.idempotency import idempotent
from joud.api.pagination import PageParams, page
from joud.api.webhooks import services as webhooks
from joud.core.tenancy import organization_scope

router = Router(
    tags=["organization: webhooks"],
    auth=TokenAuth(),
    throttle=[AddressThrottle(), TokenThrottle()],
)
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


# Documented here; read and checked by ``idempotent`` (its own error code when missing).
IdempotencyKey = Header[str | None, {"alias": "Idempotency-Key", "max_length": 100}]


class WebhookIn(Schema):
    url: str = Field(..., max_length=300)
    events: list[str] = Field(..., max_length=20)


class WebhookOut(Schema):
    id: int
    url: str
    events: list[str]
    is_active: bool
    failures: int
    created_at: dt.datetime


class WebhookCreated(WebhookOut):
    secret: str


class WebhookPage(Schema):
    items: list[WebhookOut]
    next_cursor: str | None


def webhook_out(endpoint) -> dict:
    return {
        "id": endpoint.pk,
        "url": endpoint.url,
        "events": endpoint.events,
        "is_active": endpoint.is_active,
        "failures": endpoint.failures,
        "created_at": endpoint.created_at,
    }


@router.get("/webhooks", response={200: WebhookPage, **ERRORS}, url_name="org_webhooks")
def webhook_list(request, paging: Query[PageParams]):
    token = require_scope(request, "webhooks")
    with organization_scope(token.organization):
        items, cursor = page(selectors.endpoints_of(token.organization), paging)
    return {"items": [webhook_out(e) for e in items], "next_cursor": cursor}


@router.post("/webhooks", response={201: WebhookCreated, **ERRORS}, url_name="org_webhook_create")
def webhook_create(request, data: WebhookIn, idempotency_key: IdempotencyKey = None):
    """A new webhook endpoint; its signing secret is in this answer only."""
    token = require_scope(request, "webhooks", "write")

    def write():
        with organization_scope(token.organization):
            endpoint, secret = webhooks.endpoint_create(
                organization=token.organization, actor=None, url=data.url, chosen=data.events
            )
        body = {**webhook_out(endpoint), "secret": secret}
        body["created_at"] = endpoint.created_at.isoformat()
        return 201, body

    return Status(*idempotent(request, write))


class DeliveryOut(Schema):
    id: int
    event: str
    event_id: str
    state: str
    attempts: int
    response_status: int | None
    error: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    next_attempt_at: dt.datetime | None


class DeliveryPage(Schema):
    items: list[DeliveryOut]
    next_cursor: str | None


def _endpoint(token, pk: int):
    with organization_scope(token.organization):
        endpoint = selectors.endpoints_of(token.organization).filter(pk=pk).first()
    if endpoint is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    return endpoint


def delivery_out(d) -> dict:
    return {
        "id": d.pk,
        "event": d.event,
        "event_id": d.event_id,
        "state": d.state,
        "attempts": d.attempts,
        "response_status": d.response_status,
        "error": d.error,
        "created_at": d.created_at,
        "delivered_at": d.delivered_at,
        "next_attempt_at": d.next_attempt_at,
    }


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    response={200: DeliveryPage, **ERRORS},
    url_name="org_webhook_deliveries",
)
def delivery_list(request, webhook_id: int, paging: Query[PageParams]):
    """The delivery log of one endpoint, newest first."""
    token = require_scope(request, "webhooks")
    endpoint = _endpoint(token, webhook_id)
    with organization_scope(token.organization):
        items, cursor = page(selectors.deliveries_of(endpoint), paging)
    return {"items": [delivery_out(d) for d in items], "next_cursor": cursor}


@router.post(
    "/webhooks/{webhook_id}/deliveries/{delivery_id}/again",
    response={202: DeliveryOut, **ERRORS},
    url_name="org_webhook_again",
)
def delivery_again(
    request, webhook_id: int, delivery_id: int, idempotency_key: IdempotencyKey = None
):
    """Send a logged delivery again (same event id and body, freshly signed)."""
    token = require_scope(request, "webhooks", "write")
    endpoint = _endpoint(token, webhook_id)

    def write():
        with organization_scope(token.organization):
            delivery = selectors.deliveries_of(endpoint).filter(pk=delivery_id).first()
            if delivery is None:
                raise ApiError(404, "not_found", NOT_FOUND)
            again = webhooks.webhook_replay(delivery=delivery, actor=None)
        body = delivery_out(again)
        for key in ("created_at", "delivered_at", "next_attempt_at"):
            body[key] = body[key].isoformat() if body[key] else None
        return 202, body

    return Status(*idempotent(request, write))
