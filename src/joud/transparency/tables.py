"""The open data's tables, row by row: organizations, initiatives, disbursements and totals.

Rows are dicts keyed by the column names of ``catalogue``; amounts stay ``Decimal`` here (the
CSV writes their digits, the JSON files write them as text with three decimals).
Counts of people below ``SMALL_COUNT`` are left empty and named in the row's ``suppressed``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from joud.campaigns.models import Initiative
from joud.geo.models import Governorate
from joud.ledger.services.spending import Purpose
from joud.organizations.models import Organization
from joud.transparency import sources
from joud.transparency.catalogue import SMALL_COUNT, publisher_prefix
from joud.transparency.purposes import purpose_label

CURRENCY = "OMR"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def governorate_code(governorate) -> str:
    """ISO 3166-2:OM (Joud's governorate codes are ISO's second part)."""
    return f"OM-{governorate.code}" if governorate is not None else ""


def wilayat_code(wilayat) -> str:
    """Joud's own code for a wilayat (no international one exists): the governorate's ISO code
    and the wilayat's number in ``joud.geo.data``, e.g. OM-DA-01 for Nizwa."""
    if wilayat is None:
        return ""
    return f"{governorate_code(wilayat.governorate)}-{wilayat.position:02d}"


def organization_id(org) -> str:
    return f"{publisher_prefix()}-org-{org.slug}"


def grant_id(initiative) -> str:
    return f"{publisher_prefix()}-{initiative.public_code}"


def money_columns(money: sources.Money) -> dict:
    return {
        "currency": CURRENCY,
        "given": money.gross,
        "refunded": money.refunds,
        "raised": money.raised,
        "admin_share": money.admin_share,
        "gateway_fees": money.gateway_fee,
        "spent": money.disbursed,
        "held": money.balance,
    }


def suppress(row: dict, *columns: str) -> dict:
    """Empty each count of 1 to 4 people (0 reveals nobody) and name it in ``suppressed``."""
    hidden = [c for c in columns if row.get(c) is not None and 0 < row[c] < SMALL_COUNT]
    for column in hidden:
        row[column] = None
    row["suppressed"] = sorted({*(row.get("suppressed") or []), *hidden})
    return row


def suppress_complement(rows: list[dict], column: str) -> None:
    """When one part of a whole is hidden, the whole minus the others would give it away: hide
    the next smallest part too (the national row stays)."""
    parts = [r for r in rows if r["scope"] == "governorate"]
    hidden = [r for r in parts if column in r["suppressed"]]
    shown = sorted((r for r in parts if r[column]), key=lambda r: r[column])
    if len(hidden) == 1 and shown:
        shown[0][column] = None
        shown[0]["suppressed"] = sorted({*shown[0]["suppressed"], column})


@dataclass
class Tables:
    organizations: list[dict]
    initiatives: list[dict]
    disbursements: list[dict]
    totals: list[dict]


def build_tables(initiatives: list[Initiative], figures: sources.LedgerFigures) -> Tables:
    organizations = list(sources.public_organizations())
    return Tables(
        organizations=organization_rows(organizations, initiatives, figures),
        initiatives=initiative_rows(initiatives, figures),
        disbursements=disbursement_rows(initiatives),
        totals=total_rows(initiatives, figures),
    )


def organization_rows(organizations, initiatives, figures) -> list[dict]:
    public_count: dict[int, int] = {}
    for item in initiatives:
        public_count[item.organization_id] = public_count.get(item.organization_id, 0) + 1
    rows = []
    for org in organizations:
        rows.append(
            {
                "id": organization_id(org),
                "slug": org.slug,
                "name_ar": org.name_ar,
                "name_en": org.name_en,
                "kind": org.kind,
                "licence_status": "licensed" if org.is_licensed else "suspended",
                "licence_number": org.licence_number,
                "licence_expires_on": iso_date(org.licence_expires_on),
                "governorate_code": governorate_code(org.governorate),
                "governorate_ar": org.governorate.name_ar,
                "governorate_en": org.governorate.name_en,
                "wilayat_code": wilayat_code(org.wilayat),
                "wilayat_ar": org.wilayat.name_ar if org.wilayat else "",
                "wilayat_en": org.wilayat.name_en if org.wilayat else "",
                "website": org.website,
                "profile_url": absolute(reverse("campaigns:organization", args=[org.slug])),
                "description_ar": org.description_ar,
                "description_en": org.description_en,
                "initiatives": public_count.get(org.pk, 0),
                **money_columns(figures.by_organization.get(org.pk) or sources.Money()),
            }
        )
    return rows


def initiative_locations(initiative) -> list:
    """The wilayats an initiative serves (their governorates follow)."""
    return sorted(initiative.target_wilayats.all(), key=lambda w: (w.governorate_id, w.position))


def initiative_rows(initiatives, figures) -> list[dict]:
    donors = sources.donors_by_initiative()
    rows = []
    for item in initiatives:
        wilayats = initiative_locations(item)
        governorates = sorted({governorate_code(w.governorate) for w in wilayats})
        if not governorates:
            governorates = [governorate_code(item.organization.governorate)]
        row = {
            "id": grant_id(item),
            "code": item.public_code,
            "title_ar": item.title_ar,
            "title_en": item.title_en,
            "description_ar": item.summary_ar,
            "description_en": item.summary_en,
            "category": item.category,
            "state": item.state,
            "organization_id": organization_id(item.organization),
            "organization_name_ar": item.organization.name_ar,
            "target": item.goal,
            **money_columns(figures.by_initiative.get(item.pk) or sources.Money()),
            "donors": donors.get(item.pk, 0),
            "approved_on": iso_date(item.decided_at),
            "starts_on": iso_date(item.starts_on),
            "ends_on": iso_date(item.ends_on),
            "governorate_codes": governorates,
            "wilayat_codes": [wilayat_code(w) for w in wilayats],
            "wilayats_ar": [w.name_ar for w in wilayats],
            "wilayats_en": [w.name_en for w in wilayats],
            "url": absolute(item.get_absolute_url()),
            "money_url": absolute(reverse("finance:initiative_money", args=[item.public_code])),
        }
        rows.append(suppress(row, "donors"))
    return rows


def disbursement_rows(initiatives) -> list[dict]:
    by_pk = {item.pk: item for item in initiatives}
    organizations = {o.pk: o for o in Organization.objects.all()}
    rows = []
    for line in sources.disbursement_lines():
        org = organizations.get(line.organization_id)
        initiative = by_pk.get(line.initiative_id)
        rows.append(
            {
                "id": f"{publisher_prefix()}-DSB-{line.key}",
                "date": iso_date(line.date),
                "purpose": line.purpose or Purpose.GENERAL,
                "purpose_en": _label(line.purpose, "en"),
                "purpose_ar": _label(line.purpose, "ar"),
                "currency": CURRENCY,
                "amount": line.amount,
                "organization_id": organization_id(org) if org else "",
                "organization_name_ar": org.name_ar if org else "",
                "initiative_id": grant_id(initiative) if initiative else "",
                "initiative_code": initiative.public_code if initiative else "",
                "fund_kind": line.fund_kind,
                "payee_kind": line.payee_kind,
            }
        )
    return rows


def total_rows(initiatives, figures) -> list[dict]:
    governorate_of = dict(Organization.objects.values_list("pk", "governorate__code"))
    by_gov: dict[str, sources.Money] = {}
    for org_id, money in figures.by_organization.items():
        by_gov.setdefault(governorate_of.get(org_id), sources.Money()).add(money)
    licensed, licensed_all = sources.licensed_by_governorate()
    donors, donors_all = sources.donors_by_governorate()
    households, households_all = sources.beneficiaries_by_governorate()
    public: dict[str, int] = {}
    live: dict[str, int] = {}
    for item in initiatives:
        code = item.organization.governorate.code
        public[code] = public.get(code, 0) + 1
        if item.state == Initiative.State.LIVE:
            live[code] = live.get(code, 0) + 1
    rows = [
        {
            "scope": "national",
            "code": "OM",
            "name_ar": "سلطنة عمان",
            "name_en": "Sultanate of Oman",
            "organizations_licensed": licensed_all,
            "initiatives_public": len(initiatives),
            "initiatives_live": sum(live.values()),
            **money_columns(figures.national),
            "donors": donors_all,
            "households_approved": households_all,
        }
    ]
    for gov in Governorate.objects.order_by("position"):
        rows.append(
            {
                "scope": "governorate",
                "code": governorate_code(gov),
                "name_ar": gov.name_ar,
                "name_en": gov.name_en,
                "organizations_licensed": licensed.get(gov.code, 0),
                "initiatives_public": public.get(gov.code, 0),
                "initiatives_live": live.get(gov.code, 0),
                **money_columns(by_gov.get(gov.code) or sources.Money()),
                "donors": donors.get(gov.code, 0),
                "households_approved": households.get(gov.code, 0),
            }
        )
    for row in rows:
        suppress(row, "donors", "households_approved")
    for column in ("donors", "households_approved"):
        suppress_complement(rows, column)
    return rows


def as_json_rows(rows: list[dict]) -> list[dict]:
    """Amounts as text with three decimals (JSON numbers would pass through floats)."""
    return [
        {k: (f"{v:f}" if isinstance(v, Decimal) else v) for k, v in row.items()} for row in rows
    ]


def iso_date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value.isoformat()


def _label(purpose: str, language: str) -> str:
    with override(language):
        return str(purpose_label(purpose or Purpose.GENERAL))
