"""The API's public shapes. Amounts are strings with their three decimals (OMR), never floats."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema

from joud.core.money import DEFAULT_CURRENCY, quantize


def amount(value: Decimal | None, currency: str = DEFAULT_CURRENCY) -> str | None:
    """An amount as machine text: quantised to the currency's minor unit by joud's one money
    module (OMR: "7.250"), Western digits, no grouping, never a float."""
    return None if value is None else str(quantize(value, currency))


class OrganizationRef(Schema):
    slug: str
    name_ar: str
    name_en: str


class InitiativeOut(Schema):
    code: str
    title_ar: str
    title_en: str
    category: str
    state: str
    organization: OrganizationRef
    goal: str | None
    raised: str
    donations: int
    percent: int
    starts_on: dt.date | None
    ends_on: dt.date | None
    is_urgent: bool
    url: str


class InitiativePage(Schema):
    items: list[InitiativeOut]
    next_cursor: str | None


class ScorecardOut(Schema):
    quarter: str
    computed_on: dt.date
    score: int | None
    coverage: str
    percentile: int | None
    parts: dict[str, Any]


class OrganizationOut(Schema):
    slug: str
    name_ar: str
    name_en: str
    kind: str
    status: str
    licence_number: str
    licence_expires_on: dt.date | None
    governorate: str | None
    description_ar: str
    description_en: str
    website: str
    scorecard: ScorecardOut | None
    url: str


class OrganizationPage(Schema):
    items: list[OrganizationOut]
    next_cursor: str | None


class TotalsOut(Schema):
    currency: str
    live_initiatives: int
    licensed_organizations: int
    raised_live: str
    donations_live: int
    offline_raised_live: str  # the part of raised_live recorded offline by the organizations


class VerifyOut(Schema):
    """The verify box's answer (``joud.receipts.verification``): public facts only."""

    code: str
    kind: str | None  # initiative, receipt, certificate, waqf_share, case (None: not found)
    status: str
    problem: str | None  # why the input could not be read (status "invalid")
    message_ar: str | None
    message_en: str | None
    initiative: str | None
    title_ar: str | None
    title_en: str | None
    organization: OrganizationRef | None
    ends_on: dt.date | None
    issued_on: dt.date | None
    state: str | None
    amount: str | None
    amount_needed: str | None
    amount_raised: str | None
    hours: str | None


class OpenDataFileOut(Schema):
    name: str
    title_ar: str
    title_en: str
    url: str
    published: bool
    sha256: str | None
    rows: int | None
    bytes: int | None


class OpenDataOut(Schema):
    licence: str
    generated_at: dt.datetime | None
    files: list[OpenDataFileOut]
