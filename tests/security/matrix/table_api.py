"""The access matrix's rows for the API (joud.api): /api/v1/ and the dashboard's /org/api/ pages.

The public endpoints answer everyone's GET and refuse POST (405). The organization endpoints
take a token, never a session: every signed-in role is refused (403 with the API's error body);
tests/api/ proves the tokens' scopes and tenancy. The dashboard's pages are the administrator's;
A's token, webhook and delivery are made on first use (the mirrored run makes B's).
"""

from __future__ import annotations

from django.utils import timezone

from joud.api.models import ApiToken, ImportBatch, MinistryToken, WebhookDelivery, WebhookEndpoint
from joud.api.services import ministry_token_create, token_create
from joud.api.webhooks.services import endpoint_create
from joud.core.tenancy import scopes_disabled
from tests.factories import UserFactory
from tests.security.matrix.groups import (
    ADMIN_A,
    ANY_ADMIN,
    ANY_STAFF,
    CASEWORK_A,
    EVERYONE,
    MINISTRY,
    NOBODY,
    Row,
)


def _token(w) -> ApiToken:
    with scopes_disabled():
        found = ApiToken.objects.filter(organization=w.org_a).first()
        return (
            found
            or token_create(
                organization=w.org_a, actor=None, name="matrix", scopes=["donations:read"], days=30
            )[0]
        )


def _endpoint(w) -> WebhookEndpoint:
    with scopes_disabled():
        found = WebhookEndpoint.objects.filter(organization=w.org_a).first()
        return (
            found
            or endpoint_create(
                organization=w.org_a,
                actor=None,
                url="https://books.example.om/joud",
                chosen=["donation.confirmed"],
            )[0]
        )


def _delivery(w) -> WebhookDelivery:
    endpoint = _endpoint(w)
    with scopes_disabled():
        found = WebhookDelivery.objects.filter(endpoint=endpoint).first()
        return found or WebhookDelivery.objects.create(
            organization=w.org_a,
            endpoint=endpoint,
            event="donation.confirmed",
            event_id="evt_matrix",
            payload={"event": "donation.confirmed"},
            state=WebhookDelivery.State.FAILED,
            next_attempt_at=timezone.now(),
        )


_PUBLIC = Row(get=EVERYONE, post=NOBODY)
_TOKEN_ONLY = Row(get=NOBODY, post=NOBODY)

API = {
    "api:v1:api-root": Row(get=NOBODY, post=NOBODY),
    "api:v1:openapi-json": _PUBLIC,
    "api:v1:openapi-view": _PUBLIC,
    "api:v1:initiatives": _PUBLIC,
    "api:v1:initiative": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "api:v1:initiative_money": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "api:v1:organizations": _PUBLIC,
    "api:v1:organization": Row(get=EVERYONE, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}),
    "api:v1:organization_money": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "api:v1:totals": _PUBLIC,
    "api:v1:verify": Row(get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}),
    "api:v1:verify_link": Row(get=EVERYONE, post=NOBODY),
    "api:v1:open_data": _PUBLIC,
    "api:v1:org_me": _TOKEN_ONLY,
    "api:v1:org_donations": _TOKEN_ONLY,
    "api:v1:org_disbursements": _TOKEN_ONLY,
    "api:v1:org_case_counts": _TOKEN_ONLY,
    "api:v1:org_volunteers": _TOKEN_ONLY,
    "api:v1:org_webhooks": _TOKEN_ONLY,
    "api:v1:org_webhook_create": _TOKEN_ONLY,
    "api:v1:org_webhook_deliveries": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"webhook_id": _endpoint(w).pk}
    ),
    "api:v1:org_webhook_again": Row(
        get=NOBODY,
        post=NOBODY,
        kwargs=lambda w: {"webhook_id": _endpoint(w).pk, "delivery_id": _delivery(w).pk},
    ),
    # The dashboard's pages: each administrator on their own organization's list; A's token,
    # webhook and delivery only by A's administrator.
    "api:tokens": Row(get=ANY_ADMIN, post=ANY_ADMIN),
    "api:token_revoke": Row(get=NOBODY, post=ADMIN_A, kwargs=lambda w: {"pk": _token(w).pk}),
    "api:webhooks": Row(get=ANY_ADMIN, post=ANY_ADMIN),
    "api:webhook": Row(get=ADMIN_A, post=ADMIN_A, kwargs=lambda w: {"pk": _endpoint(w).pk}),
    "api:webhook_again": Row(
        get=NOBODY,
        post=ADMIN_A,
        kwargs=lambda w: {"pk": _endpoint(w).pk, "delivery": _delivery(w).pk},
    ),
}


def _import(w) -> ImportBatch:
    with scopes_disabled():
        found = ImportBatch.objects.filter(organization=w.org_a).first()
        return found or ImportBatch.objects.create(
            organization=w.org_a,
            kind="beneficiaries",
            file_name="list.csv",
            report=[{"line": 2, "error": "—", "matches": []}],
        )


API.update(
    {
        # Imports: every member reaches the page, for the kinds of list of their role (a batch
        # of beneficiaries is the caseworkers' and administrators' only).
        "api:imports": Row(get=ANY_STAFF, post=ANY_STAFF),
        "api:import": Row(get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"pk": _import(w).pk}),
        "api:import_rejected": Row(
            get=CASEWORK_A, post=NOBODY, kwargs=lambda w: {"pk": _import(w).pk}
        ),
    }
)


def _ministry_token(w) -> MinistryToken:
    found = MinistryToken.objects.first()
    return (
        found
        or ministry_token_create(
            officer=UserFactory(is_ministry_reviewer=True),
            name="matrix",
            scopes=["licences:read"],
            days=30,
        )[0]
    )


API.update(
    {
        # Exports and the ministry's endpoints take a token, never a session.
        "api:v1:org_export_donations": _TOKEN_ONLY,
        "api:v1:org_export_disbursements": _TOKEN_ONLY,
        "api:v1:org_export_hours": _TOKEN_ONLY,
        "api:v1:ministry_me": _TOKEN_ONLY,
        "api:v1:ministry_licences": _TOKEN_ONLY,
        "api:v1:ministry_licence_decide": Row(
            get=NOBODY, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}
        ),
        "api:v1:ministry_initiatives": _TOKEN_ONLY,
        "api:v1:ministry_initiative_decide": Row(
            get=NOBODY, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
        ),
        "api:v1:ministry_complaints": _TOKEN_ONLY,
        "api:v1:ministry_complaint_decide": Row(
            get=NOBODY, post=NOBODY, kwargs=lambda w: {"reference": "MATRIX1"}
        ),
        # The ministry's own tokens: its reviewers issue them and any of them revokes them.
        "api:ministry_tokens": Row(get=MINISTRY, post=MINISTRY),
        "api:ministry_token_revoke": Row(
            get=NOBODY, post=MINISTRY, kwargs=lambda w: {"pk": _ministry_token(w).pk}
        ),
    }
)
