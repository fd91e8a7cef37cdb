"""The grants file is a 360Giving data package: the standard's field names, with its types
(schema 1.4: the eight required grant fields, organizations as lists of {id, name}, dates as
YYYY-MM-DD or date-time, amounts as JSON numbers), checked on a published file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest

from joud.transparency.catalogue import GRANT_CSV_TITLES, LICENCE_URL
from joud.transparency.selectors import published_file
from joud.transparency.services import opendata_publish
from tests.factories import InitiativeFactory
from tests.fixtures.environment import ensure_geo
from tests.transparency.published import load_json

DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
REQUIRED = (
    "id",
    "title",
    "description",
    "currency",
    "amountAwarded",
    "awardDate",
    "recipientOrganization",
    "fundingOrganization",
)


def _is_datetime(value: str) -> bool:
    return isinstance(value, str) and dt.datetime.fromisoformat(value).tzinfo is not None


def _organizations(value) -> None:
    assert isinstance(value, list) and len(value) >= 1
    for org in value:
        assert isinstance(org["id"], str) and org["id"]
        assert isinstance(org["name"], str) and org["name"]


@pytest.fixture
def grants_file(db):
    ensure_geo()
    item = InitiativeFactory(summary_ar="وجبات مدرسية لطلاب المدارس")
    item.target_wilayats.set(item.organization.governorate.wilayats.all()[:1])
    InitiativeFactory(goal=None)  # open-ended, serving its organization's governorate
    release = opendata_publish()
    return published_file("grants.json", release).read(), release


def test_package_metadata_follows_the_standard(grants_file):
    content, release = grants_file
    package = load_json(content)
    assert re.fullmatch(r"\d+\.\d+", package["version"])
    assert package["license"] == LICENCE_URL
    assert DATE.match(package["issued"]) and _is_datetime(package["modified"])
    assert package["publisher"]["name"] and package["identifier"].startswith("360G-")
    assert package["downloadURL"].endswith("/open-data/grants.json")
    assert package["accessURL"].endswith("/open-data/")
    assert len(package["grants"]) == 2


def test_every_grant_has_the_required_fields_typed_right(grants_file):
    content, _release = grants_file
    grants = load_json(content)["grants"]
    for grant in grants:
        assert all(field in grant for field in REQUIRED)
        assert re.fullmatch(r"360G-[A-Za-z0-9-]+", grant["id"])
        assert isinstance(grant["title"], str) and grant["title"]
        assert isinstance(grant["description"], str) and grant["description"]
        assert grant["currency"] == "OMR"
        # A JSON number (parsed as Decimal), never a string, written with the rial's 3 decimals.
        assert isinstance(grant["amountAwarded"], Decimal)
        assert grant["amountAwarded"].as_tuple().exponent == -3
        assert DATE.match(grant["awardDate"])
        _organizations(grant["recipientOrganization"])
        _organizations(grant["fundingOrganization"])
        assert _is_datetime(grant["dateModified"])
        assert grant["url"].startswith("http")
        for place in grant["beneficiaryLocation"]:
            assert place["countryCode"] == "OM"
            assert isinstance(place["geoCode"], str) and place["geoCodeType"]
        for dates in grant.get("plannedDates", []):
            assert DATE.match(dates["startDate"]) and DATE.match(dates["endDate"])
        assert grant["classifications"][0]["vocabulary"] == "joud:initiative-category"
    assert b'"amountAwarded": 0.000' in content  # the digits as written, not a float's


def test_beneficiary_location_by_governorate_and_wilayat_with_geo_codes(grants_file):
    grants = load_json(grants_file[0])["grants"]
    codes = [[p["geoCode"] for p in g["beneficiaryLocation"]] for g in grants]
    with_wilayat = [c for c in codes if len(c) == 2]
    assert with_wilayat and re.fullmatch(r"OM-[A-Z]{2}", with_wilayat[0][0])
    assert re.fullmatch(r"OM-[A-Z]{2}-\d{2}", with_wilayat[0][1])
    assert any(len(c) == 1 and re.fullmatch(r"OM-[A-Z]{2}", c[0]) for c in codes)


def test_grants_csv_uses_the_360giving_column_titles(grants_file):
    _content, release = grants_file
    text = published_file("grants.csv", release).read().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == GRANT_CSV_TITLES
    assert len(rows) == 3
    locations = published_file("grants-locations.csv", release).read().decode("utf-8-sig")
    assert locations.startswith("Identifier,Beneficiary Location:Name")
