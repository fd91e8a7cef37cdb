"""Exports for an organization's own systems (a token with the ``exports`` scope and the area's
read scope): its donations, disbursements and volunteer hours as CSV, streamed row by row.

Machine-readable on purpose: amounts with a dot and the currency's decimals (OMR "7.250"),
Western digits, ISO 8601 dates and times (Oman's offset), codes rather than labels, UTF-8. A
spreadsheet user adds ``?excel=true`` for the byte-order mark Excel needs to read Arabic. Only
donors who agreed to be known are named; the others read ``anonymous``. Every download is in
the audit log (token, export, filters, address).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from ninja import Field, Query, Router, Schema

from joud.api import selectors
from joud.api.auth import AddressThrottle, TokenAuth, TokenThrottle, require_scope
from joud.api.errors import ErrorOut
from joud.api.organization import Day
from joud.api.schemas import amount
from joud.core.audit import audit_log
from joud.core.money import DEFAULT_CURRENCY
from joud.core.spreadsheet import safe_row
from joud.core.tenancy import organization_scope

router = Router(
    tags=["organization: exports"],
    auth=TokenAuth(),
    throttle=[AddressThrottle(), TokenThrottle()],
)
ERRORS = {400: ErrorOut, 403: ErrorOut, 429: ErrorOut}
CSV_ANSWER = {
    "responses": {
        200: {
            "description": "CSV (UTF-8; with a byte-order mark when excel=true)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}
ANONYMOUS = "anonymous"
CHUNK = 500


class ExportFilters(Schema):
    since: Day = Field(None, description="on or after (YYYY-MM-DD)")
    until: Day = Field(None, description="on or before (YYYY-MM-DD)")
    excel: bool = Field(False, description="start with a UTF-8 byte-order mark (for Excel)")


class _Echo:
    def write(self, value: str) -> str:
        return value


def when(value: dt.datetime | dt.date | None) -> str:
    """ISO 8601: a date as 2026-03-04, a moment in Oman's time with its offset."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _stream(
    organization, header: list[str], rows: Callable[[], Iterable[list]], bom: bool
) -> Iterator[str]:
    """The CSV a line at a time, read inside the organization's scope while it is sent."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield ("\ufeff" if bom else "") + writer.writerow(header)
    with organization_scope(organization):
        for row in rows():
            yield writer.writerow(safe_row(row))


def _answer(request, name: str, area: str, filters: ExportFilters, header, rows):
    token = require_scope(request, "exports")
    require_scope(request, area)
    org = token.organization
    audit_log(
        action="joud.api_export.downloaded",
        target=token,
        organization=org,
        data={
            "export": name,
            "token": token.prefix,
            "since": when(filters.since),
            "until": when(filters.until),
        },
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    response = StreamingHttpResponse(
        _stream(org, header, rows(org), filters.excel), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="joud-{org.slug}-{name}-{stamp}.csv"'
    add_never_cache_headers(response)
    return response


DONATION_HEADER = [
    "reference",
    "confirmed_at",
    "amount",
    "refunded",
    "currency",
    "state",
    "channel",
    "target",
    "initiative",
    "donor_name",
]


@router.get(
    "/exports/donations.csv",
    response=ERRORS,
    openapi_extra=CSV_ANSWER,
    url_name="org_export_donations",
)
def export_donations(request, filters: Query[ExportFilters]):
    """Every confirmed gift (refunded ones too), oldest first; a donor who asked to stay
    anonymous reads ``anonymous``. Scopes: exports and donations."""

    def rows(org):
        def read():
            qs = selectors.confirmed_donations(org, since=filters.since, until=filters.until)
            for d in qs.order_by("confirmed_at", "pk").iterator(chunk_size=CHUNK):
                yield [
                    d.reference,
                    when(d.confirmed_at),
                    amount(d.amount, d.currency),
                    amount(d.refunded_amount, d.currency),
                    d.currency,
                    d.state,
                    d.channel,
                    d.target,
                    d.initiative.public_code if d.initiative_id else "",
                    ANONYMOUS if d.is_anonymous else (d.display_name or d.donor_name or ""),
                ]

        return read

    return _answer(request, "donations", "donations", filters, DONATION_HEADER, rows)


DISBURSEMENT_HEADER = [
    "reference",
    "state",
    "purpose",
    "payee_kind",
    "amount",
    "currency",
    "initiative",
    "planned_on",
    "approved_at",
    "paid_at",
]


@router.get(
    "/exports/disbursements.csv",
    response=ERRORS,
    openapi_extra=CSV_ANSWER,
    url_name="org_export_disbursements",
)
def export_disbursements(request, filters: Query[ExportFilters]):
    """Payments out of the organization's funds by planned date, oldest first (the payee's
    name and bank account stay in the dashboard). Scopes: exports and disbursements."""

    def rows(org):
        def read():
            qs = selectors.disbursements_between(org, since=filters.since, until=filters.until)
            for d in qs.order_by("planned_on", "pk").iterator(chunk_size=CHUNK):
                yield [
                    d.reference,
                    d.state,
                    d.purpose,
                    d.payee_kind,
                    amount(d.amount, DEFAULT_CURRENCY),
                    DEFAULT_CURRENCY,  # payments out are in the platform's currency
                    d.initiative.public_code if d.initiative_id else "",
                    when(d.planned_on),
                    when(d.approved_at),
                    when(d.paid_at),
                ]

        return read

    return _answer(request, "disbursements", "disbursements", filters, DISBURSEMENT_HEADER, rows)


HOURS_HEADER = [
    "signup",
    "volunteer_name",
    "opportunity",
    "shift_starts_at",
    "status",
    "hours_status",
    "recorded_minutes",
    "approved_minutes",
]


@router.get(
    "/exports/volunteer-hours.csv",
    response=ERRORS,
    openapi_extra=CSV_ANSWER,
    url_name="org_export_hours",
)
def export_hours(request, filters: Query[ExportFilters]):
    """Volunteers' sign-ups with their recorded and approved minutes, by shift start, oldest
    first. Scopes: exports and volunteers."""

    def rows(org):
        def read():
            qs = selectors.signups_between(org, since=filters.since, until=filters.until)
            for a in qs.order_by("shift__starts_at", "pk").iterator(chunk_size=CHUNK):
                yield [
                    a.pk,
                    a.volunteer.full_name,
                    a.shift.opportunity.title_ar,
                    when(a.shift.starts_at),
                    a.status,
                    a.hours_status,
                    a.minutes,
                    a.approved_minutes,
                ]

        return read

    return _answer(request, "volunteer-hours", "volunteers", filters, HOURS_HEADER, rows)
