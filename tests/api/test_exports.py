"""CSV exports for an organization's own systems: the exports scope with the area's scope, its
own rows only, anonymous donors unnamed, machine-readable values, streamed, access-logged."""

from __future__ import annotations

import csv
import io

import pytest

from joud.core.models import AuditLogEntry
from joud.core.tenancy import scopes_disabled
from tests.api.conftest import bearer, make_token
from tests.api.world import build_side

pytestmark = pytest.mark.django_db

EXPORTS = {
    "/api/v1/org/exports/donations.csv": "donations",
    "/api/v1/org/exports/disbursements.csv": "disbursements",
    "/api/v1/org/exports/volunteer-hours.csv": "volunteers",
}


@pytest.fixture
def sides(db):
    return build_side("a"), build_side("b")


def read(response) -> tuple[str, list[dict]]:
    assert response.status_code == 200, response.content
    assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    return text, list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.mark.parametrize(("url", "area"), EXPORTS.items())
def test_an_export_needs_the_exports_scope_and_the_areas(client, sides, url, area):
    a, _b = sides
    only_area = client.get(url, **bearer(make_token(a.org, [f"{area}:read"])))
    assert only_area.status_code == 403 and only_area.json()["code"] == "scope_missing"
    only_exports = client.get(url, **bearer(make_token(a.org, ["exports:read"])))
    assert only_exports.status_code == 403
    both = client.get(url, **bearer(make_token(a.org, ["exports:read", f"{area}:read"])))
    assert both.status_code == 200
    assert client.get(url).status_code == 403


def test_donations_name_only_the_known_donors_and_stay_in_their_organization(client, sides):
    a, b = sides
    for mine, theirs in ((a, b), (b, a)):
        text, rows = read(
            client.get("/api/v1/org/exports/donations.csv", **bearer(make_token(mine.org)))
        )
        assert {r["reference"] for r in rows} == {mine.known.reference, mine.anonymous.reference}
        assert theirs.known.reference not in text and theirs.known.donor_name not in text
        assert "سري" not in text  # the anonymous donor's own name never leaves
        by_ref = {r["reference"]: r for r in rows}
        assert by_ref[mine.anonymous.reference]["donor_name"] == "anonymous"
        known = by_ref[mine.known.reference]
        assert known["donor_name"] == mine.known.donor_name
        # Machine-readable: dot decimals with the currency's three, ISO time with Oman's offset.
        assert known["amount"] == "12.500" and known["currency"] == "OMR"
        assert known["confirmed_at"].endswith("+04:00") and known["confirmed_at"][4] == "-"
        assert known["confirmed_at"].isascii()


def test_the_excel_variant_starts_with_a_byte_order_mark(client, sides):
    a, _b = sides
    raw = make_token(a.org)
    plain, _rows = read(client.get("/api/v1/org/exports/donations.csv", **bearer(raw)))
    excel, rows = read(client.get("/api/v1/org/exports/donations.csv?excel=true", **bearer(raw)))
    assert not plain.startswith("\ufeff") and excel.startswith("\ufeff")
    assert len(rows) == 2


def test_disbursements_and_hours_are_the_organizations_own(client, sides):
    a, b = sides
    raw = make_token(a.org)
    text, rows = read(client.get("/api/v1/org/exports/disbursements.csv", **bearer(raw)))
    assert [r["reference"] for r in rows] == [a.disbursement.reference]
    assert b.disbursement.reference not in text
    assert rows[0]["amount"] == str(a.disbursement.amount) and "." in rows[0]["amount"]
    _text, rows = read(client.get("/api/v1/org/exports/volunteer-hours.csv", **bearer(raw)))
    assert [int(r["signup"]) for r in rows] == [a.signup.pk]
    assert rows[0]["approved_minutes"] == "150" and rows[0]["hours_status"] == "approved"


def test_a_date_filter_and_a_bad_one(client, sides):
    a, _b = sides
    raw = make_token(a.org)
    _text, rows = read(
        client.get("/api/v1/org/exports/donations.csv?since=2999-01-01", **bearer(raw))
    )
    assert rows == []
    bad = client.get("/api/v1/org/exports/donations.csv?since=١٢٣٤", **bearer(raw))
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    huge = client.get("/api/v1/org/exports/donations.csv?since=9" + "9" * 40, **bearer(raw))
    assert huge.status_code == 400


def test_every_download_is_logged_with_the_token_and_the_address(client, sides):
    a, _b = sides
    raw = make_token(a.org)
    read(client.get("/api/v1/org/exports/volunteer-hours.csv?until=2999-12-31", **bearer(raw)))
    with scopes_disabled():
        entry = AuditLogEntry.objects.get(action="joud.api_export.downloaded")
    assert entry.organization_id == a.org.pk and entry.ip_address == "127.0.0.1"
    assert entry.data["export"] == "volunteer-hours" and entry.data["until"] == "2999-12-31"
    assert raw.split("_")[1] == entry.data["token"]
