"""The open data's files and fields, described once: the files are written from these column
lists and the public page documents them from the same lists, so they cannot drift apart.

The licence is Creative Commons Attribution 4.0 (CC BY 4.0). Oman has no national open
government licence to adopt, and the UK's Open Government Licence names the Crown and UK law; CC BY
4.0 is international, conformant with the Open Definition, the licence 360Giving recommends to
publishers, and machine-readable by its canonical URL. It asks users only to credit the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_SPDX = "CC-BY-4.0"
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
# The 360Giving version the grants file follows (its package's "version" field).
THREESIXTYGIVING_VERSION = "1.4"
THREESIXTYGIVING_SCHEMA = "https://standard.threesixtygiving.org/en/latest/"
# Below this many people a count is not published (see tables.suppress).
SMALL_COUNT = 5
STORAGE_PREFIX = "open-data"
# Written once a day; slots start at midnight UTC, 04:00 in Oman.
REFRESH_HOURS_UTC = 0


def publisher_prefix() -> str:
    """The 360Giving-style prefix of every identifier. 360Giving registers prefixes (they start
    with "360G-"); the operator sets the registered one in ``JOUD_OPEN_DATA_PREFIX``."""
    return getattr(settings, "JOUD_OPEN_DATA_PREFIX", "") or "360G-joud"


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # string, integer, amount, date, datetime, url, code, list
    description: object  # a lazy translation


@dataclass(frozen=True)
class DataFile:
    name: str  # the stable file name in the URL
    title: object
    description: object
    fields: tuple[Field, ...] = ()

    @property
    def format(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def content_type(self) -> str:
        if self.format == "json":
            return "application/json; charset=utf-8"
        return "text/csv; charset=utf-8"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


# How each kind of value is written, for the page's legend.
KINDS = {
    "string": _("text (UTF-8)"),
    "integer": _("a whole number"),
    "amount": _(
        "an amount in Omani rials: text with exactly three decimals (baisa), e.g. 1250.500"
    ),
    "date": _("a date, YYYY-MM-DD (Gregorian)"),
    "url": _("a web address"),
    "code": _("a fixed code (listed in the description)"),
    "list": _("several values separated by ';'"),
}

_MONEY = (
    Field("currency", "code", _("Always OMR (Omani rial).")),
    Field("given", "amount", _("Given by donors, before refunds.")),
    Field("refunded", "amount", _("Refunded or charged back to donors.")),
    Field("raised", "amount", _("Given by donors net of refunds: the ledger's raised total.")),
    Field("admin_share", "amount", _("Kept for administration (at most 2% by regulation).")),
    Field("gateway_fees", "amount", _("Fees taken by the payment gateways.")),
    Field("spent", "amount", _("Paid out of the funds (disbursements).")),
    Field("held", "amount", _("Held in the funds now.")),
)
_SUPPRESSED = Field(
    "suppressed",
    "list",
    _("The counts of this row left empty because fewer than 5 people are behind them, or "
      "because they would reveal such a count; names separated by ';'."),
)  # fmt: skip

ORGANIZATION_FIELDS = (
    Field("id", "string", _("The organization's identifier in this data (prefix-org-short name).")),
    Field("slug", "string", _("Its short name, as in its page's address.")),
    Field("name_ar", "string", _("Name in Arabic.")),
    Field("name_en", "string", _("Name in English (may be empty).")),
    Field("kind", "code", _("association, team (volunteer charity team) or waqf (endowment).")),
    Field("licence_status", "code", _("licensed, or suspended by the ministry.")),
    Field("licence_number", "string", _("The ministry's licence number.")),
    Field("licence_expires_on", "date", _("When the licence ends (YYYY-MM-DD).")),
    Field("governorate_code", "code", _("ISO 3166-2 code of its governorate, e.g. OM-MA.")),
    Field("governorate_ar", "string", _("Governorate, in Arabic.")),
    Field("governorate_en", "string", _("Governorate, in English.")),
    Field("wilayat_code", "code", _("Joud's code of its wilayat (governorate code and number).")),
    Field("wilayat_ar", "string", _("Wilayat, in Arabic.")),
    Field("wilayat_en", "string", _("Wilayat, in English.")),
    Field("website", "url", _("Its website, if it gave one.")),
    Field("profile_url", "url", _("Its public page on Joud.")),
    Field("description_ar", "string", _("What it does, as on its public page (Arabic).")),
    Field("description_en", "string", _("What it does, as on its public page (English).")),
    Field("initiatives", "integer", _("Its initiatives the public can see.")),
    *_MONEY,
)

INITIATIVE_FIELDS = (
    Field("id", "string", _("The grant identifier (prefix and the initiative's code).")),
    Field("code", "code", _("The initiative's verification code (on its posters and links).")),
    Field("title_ar", "string", _("Title in Arabic.")),
    Field("title_en", "string", _("Title in English (may be empty).")),
    Field("description_ar", "string", _("Summary in Arabic.")),
    Field("description_en", "string", _("Summary in English (may be empty).")),
    Field("category", "code", _("orphans, school_meals, zakat, housing, relief, …")),
    Field("state", "code", _("approved, live, ended, reported, closed or suspended.")),
    Field("organization_id", "string", _("The organization's identifier (organizations file).")),
    Field("organization_name_ar", "string", _("The organization's name in Arabic.")),
    Field("target", "amount", _("The goal; empty when open-ended.")),
    *_MONEY,
    Field("donors", "integer", _("Different donors who gave; empty when fewer than 5.")),
    Field("approved_on", "date", _("When the ministry approved it.")),
    Field("starts_on", "date", _("First day of collection.")),
    Field("ends_on", "date", _("Last day of collection.")),
    Field("governorate_codes", "list", _("ISO 3166-2 codes of the governorates it serves; ';'.")),
    Field("wilayat_codes", "list", _("Joud's codes of the wilayats it serves; ';'.")),
    Field("wilayats_ar", "list", _("The wilayats it serves, in Arabic; ';'.")),
    Field("wilayats_en", "list", _("The wilayats it serves, in English; ';'.")),
    Field("url", "url", _("Its public page.")),
    Field("money_url", "url", _("Its public page of money in and out.")),
    _SUPPRESSED,
)

DISBURSEMENT_FIELDS = (
    Field("id", "string", _("The payment's identifier in this data.")),
    Field("date", "date", _("When it was paid out of the fund.")),
    Field("purpose", "code", _("What it paid for: poor_and_needy, orphans, operations, …")),
    Field("purpose_en", "string", _("The purpose in plain English.")),
    Field("purpose_ar", "string", _("The purpose in Arabic.")),
    Field("currency", "code", _("Always OMR (Omani rial).")),
    Field("amount", "amount", _("The amount paid out (negative for a reversal).")),
    Field("organization_id", "string", _("The paying organization's identifier.")),
    Field("organization_name_ar", "string", _("The paying organization's name in Arabic.")),
    Field("initiative_id", "string", _("The grant identifier of the initiative paid from.")),
    Field("initiative_code", "code", _("The initiative's code; empty for other funds.")),
    Field(
        "fund_kind",
        "code",
        _("The fund paid from: initiative, case, general, zakat, fitr (zakat al-fitr)."),
    ),
    Field(
        "payee_kind",
        "code",
        _(
            "Who was paid, as a kind only (supplier, beneficiary, creditor, organization); "
            "never a name. Empty when not recorded."
        ),
    ),
)

TOTAL_FIELDS = (
    Field("scope", "code", _("national, or governorate.")),
    Field("code", "code", _("OM for the whole country, else the governorate's ISO 3166-2 code.")),
    Field("name_ar", "string", _("Name in Arabic.")),
    Field("name_en", "string", _("Name in English.")),
    Field("organizations_licensed", "integer", _("Licensed organizations based there.")),
    Field(
        "initiatives_public",
        "integer",
        _("Initiatives the public can see, by organizations there."),
    ),
    Field("initiatives_live", "integer", _("Of which collecting now.")),
    *_MONEY,
    Field("donors", "integer", _("Different donors; empty when fewer than 5.")),
    Field(
        "households_approved",
        "integer",
        _("Households approved for help (beneficiary cases); empty when fewer than 5."),
    ),
    _SUPPRESSED,
)

GRANT_CSV_TITLES = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "URL",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:County",
    "Recipient Org:Country",
    "Recipient Org:Web Address",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Last Modified",
    "Data Source",
)
LOCATION_CSV_TITLES = (
    "Identifier",
    "Beneficiary Location:Name",
    "Beneficiary Location:Country Code",
    "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type",
)

FILES = (
    DataFile(
        "grants.json",
        _("Grants (360Giving JSON)"),
        _("Every initiative as a 360Giving grant, in one data package with its metadata."),
    ),
    DataFile(
        "grants.csv",
        _("Grants (360Giving spreadsheet)"),
        _("The same grants, one a row, with the 360Giving column titles."),
        tuple(Field(t, "string", "") for t in GRANT_CSV_TITLES),
    ),
    DataFile(
        "grants-locations.csv",
        _("Where each grant's beneficiaries are (360Giving spreadsheet)"),
        _("One row per grant and governorate or wilayat, keyed by the grant's identifier."),
        tuple(Field(t, "string", "") for t in LOCATION_CSV_TITLES),
    ),
    DataFile(
        "organizations.csv",
        _("Organizations"),
        _("Licensed and suspended organizations: public profile and money."),
        ORGANIZATION_FIELDS,
    ),
    DataFile("organizations.json", _("Organizations (JSON)"), _("The same, as JSON."), ORGANIZATION_FIELDS),
    DataFile(
        "initiatives.csv",
        _("Initiatives"),
        _("Every initiative the public can see, with its money from the ledger."),
        INITIATIVE_FIELDS,
    ),
    DataFile("initiatives.json", _("Initiatives (JSON)"), _("The same, as JSON."), INITIATIVE_FIELDS),
    DataFile(
        "disbursements.csv",
        _("Disbursements"),
        _("Every payment out of a fund: date, purpose, amount, organization, initiative."),
        DISBURSEMENT_FIELDS,
    ),
    DataFile(
        "disbursements.json", _("Disbursements (JSON)"), _("The same, as JSON."), DISBURSEMENT_FIELDS
    ),
    DataFile(
        "totals.csv",
        _("National totals"),
        _("The whole country, then each governorate."),
        TOTAL_FIELDS,
    ),
    DataFile("totals.json", _("National totals (JSON)"), _("The same, as JSON."), TOTAL_FIELDS),
)  # fmt: skip
FILES_BY_NAME = {f.name: f for f in FILES}

# How Joud's records become 360Giving grants (shown on the public page, field by field).
GRANT_MAPPING = (
    ("id", _("The publisher prefix and the initiative's code, e.g. 360G-joud-K7M2QP.")),
    ("title", _("The initiative's Arabic title.")),
    ("description", _("Its Arabic summary (the title when it has none).")),
    ("currency", _("OMR.")),
    ("amountAwarded", _("What donors gave to it, net of refunds, from the ledger: a number with three decimals.")),
    ("awardDate", _("When the ministry approved it (else its first day).")),
    ("plannedDates", _("Its collection period, first and last day.")),
    ("recipientOrganization", _("The organization that runs it: identifier and name.")),
    ("fundingOrganization", _("The donors who gave through Joud, as one funder: the publisher.")),
    ("beneficiaryLocation", _("Each wilayat it serves (Joud's code) and its governorate (ISO 3166-2 code); the organization's governorate when it names none.")),
    ("classifications", _("Its category (vocabulary joud:initiative-category).")),
    ("url / dateModified / dataSource", _("Its public page, its last change, this file.")),
    ("joud", _("Joud's own figures beside the standard: code, English title and summary, target, given, refunded, spent, held (as text), donors (empty when fewer than 5).")),
)  # fmt: skip
