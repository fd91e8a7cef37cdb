"""Joud's initiatives as 360Giving grants (https://standard.threesixtygiving.org/).

A grant here is one initiative the public can see: the donors who gave through Joud are the
funder (``fundingOrganization``: the publisher), the organization that runs the initiative is the
recipient, and ``amountAwarded`` is what donors gave to it, net of refunds, from the ledger.
Field names and types follow the standard's grant schema (version 1.4): the eight required
fields, and ``plannedDates``, ``beneficiaryLocation``, ``classifications``, ``url``,
``dateModified``, ``dataSource`` and ``locationScope``. Joud's own figures sit beside them in a
``joud`` object (additional fields are allowed by the schema).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse

from joud.transparency import tables
from joud.transparency.catalogue import (
    LICENCE_URL,
    THREESIXTYGIVING_VERSION,
    publisher_prefix,
)

FUNDER_NAME = "Donors through Joud, Oman's national charity platform (منصة جود)"
CATEGORY_VOCABULARY = "joud:initiative-category"
ISO_CODE_TYPE = "ISO3166-2"  # the governorates' codes
JOUD_WILAYAT_CODE_TYPE = "joud:wilayat"  # Joud's own wilayat codes (see tables.wilayat_code)


def funder() -> dict:
    return {"id": publisher_prefix(), "name": FUNDER_NAME}


def download_url(name: str) -> str:
    return tables.absolute(reverse("transparency:file", args=[name]))


def locations(initiative) -> list[dict]:
    """Each wilayat it serves and each governorate they are in; else the organization's
    governorate (where it works)."""
    wilayats = tables.initiative_locations(initiative)
    out: list[dict] = []
    governorates = {w.governorate_id: w.governorate for w in wilayats}
    if not governorates:
        governorates = {0: initiative.organization.governorate}
    for gov in governorates.values():
        out.append(
            {
                "id": tables.governorate_code(gov),
                "name": gov.name_en,
                "countryCode": "OM",
                "geoCode": tables.governorate_code(gov),
                "geoCodeType": ISO_CODE_TYPE,
            }
        )
    for wilayat in wilayats:
        out.append(
            {
                "id": tables.wilayat_code(wilayat),
                "name": wilayat.name_en,
                "countryCode": "OM",
                "geoCode": tables.wilayat_code(wilayat),
                "geoCodeType": JOUD_WILAYAT_CODE_TYPE,
            }
        )
    return out


def grant(initiative, row: dict, *, category_title: str) -> dict:
    """One initiative as a grant; ``row`` is its row of the initiatives table (same figures)."""
    org = initiative.organization
    award = initiative.decided_at or initiative.starts_on or initiative.created_at
    award_date = tables.iso_date(award)
    places = locations(initiative)
    item = {
        "id": row["id"],
        "title": initiative.title_ar,
        "description": initiative.summary_ar or initiative.title_ar,
        "currency": tables.CURRENCY,
        "amountAwarded": row["raised"],
        "awardDate": award_date,
        "recipientOrganization": [
            {
                "id": row["organization_id"],
                "name": org.name_ar,
                "addressRegion": org.governorate.name_en,
                "addressCountry": "OM",
                "url": tables.absolute(reverse("campaigns:organization", args=[org.slug])),
            }
        ],
        "fundingOrganization": [funder()],
        "beneficiaryLocation": places,
        "locationScope": "GLS050" if initiative.target_wilayats.all() else "GLS040",
        "classifications": [
            {
                "vocabulary": CATEGORY_VOCABULARY,
                "code": initiative.category,
                "title": category_title,
            }
        ],
        "url": row["url"],
        "dateModified": _datetime(initiative.updated_at),
        "dataSource": download_url("grants.json"),
        "joud": {
            "code": initiative.public_code,
            "titleEn": initiative.title_en,
            "descriptionEn": initiative.summary_en,
            "state": initiative.state,
            "target": _text(row["target"]),
            "given": _text(row["given"]),
            "refunded": _text(row["refunded"]),
            "raised": _text(row["raised"]),
            "spent": _text(row["spent"]),
            "held": _text(row["held"]),
            "donors": row["donors"],
            "moneyUrl": row["money_url"],
        },
    }
    if initiative.starts_on or initiative.ends_on:
        dates = {}
        if initiative.starts_on:
            dates["startDate"] = initiative.starts_on.isoformat()
        if initiative.ends_on:
            dates["endDate"] = initiative.ends_on.isoformat()
        item["plannedDates"] = [dates]
    return item


def package(grants: list[dict], *, generated_at: dt.datetime) -> dict:
    """The 360Giving data package: metadata, then the grants."""
    site = settings.SITE_URL.rstrip("/")
    return {
        "version": THREESIXTYGIVING_VERSION,
        "title": "Joud open data: initiatives as grants",
        "description": (
            "Every initiative on Joud, Oman's national charity platform, as a grant from its "
            "donors to the organization that runs it; amounts from Joud's ledger. Refreshed daily."
        ),
        "issued": generated_at.date().isoformat(),
        "modified": _datetime(generated_at),
        "identifier": f"{publisher_prefix()}-{generated_at:%Y-%m-%d}",
        "publisher": {"identifier": publisher_prefix(), "name": "Joud (جود)", "website": site},
        "downloadURL": download_url("grants.json"),
        "accessURL": tables.absolute(reverse("transparency:index")),
        "license": LICENCE_URL,
        "grants": grants,
    }


def grant_csv_rows(grants: list[dict]) -> list[dict]:
    """The grants with the 360Giving spreadsheet's column titles (one row each)."""
    rows = []
    for g in grants:
        dates = (g.get("plannedDates") or [{}])[0]
        recipient, funding = g["recipientOrganization"][0], g["fundingOrganization"][0]
        rows.append(
            {
                "Identifier": g["id"],
                "Title": g["title"],
                "Description": g["description"],
                "Currency": g["currency"],
                "Amount Awarded": g["amountAwarded"],
                "Award Date": g["awardDate"],
                "URL": g["url"],
                "Planned Dates:Start Date": dates.get("startDate", ""),
                "Planned Dates:End Date": dates.get("endDate", ""),
                "Recipient Org:Identifier": recipient["id"],
                "Recipient Org:Name": recipient["name"],
                "Recipient Org:County": recipient["addressRegion"],
                "Recipient Org:Country": recipient["addressCountry"],
                "Recipient Org:Web Address": recipient["url"],
                "Funding Org:Identifier": funding["id"],
                "Funding Org:Name": funding["name"],
                "Last Modified": g["dateModified"],
                "Data Source": g["dataSource"],
            }
        )
    return rows


def location_csv_rows(grants: list[dict]) -> list[dict]:
    return [
        {
            "Identifier": g["id"],
            "Beneficiary Location:Name": place["name"],
            "Beneficiary Location:Country Code": place["countryCode"],
            "Beneficiary Location:Geographic Code": place["geoCode"],
            "Beneficiary Location:Geographic Code Type": place["geoCodeType"],
        }
        for g in grants
        for place in g["beneficiaryLocation"]
    ]


def _text(value) -> str:
    return "" if value is None else f"{value:f}"


def _datetime(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
