"""Public money in and out: an organization's page, and the CSV and JSON of every initiative
and organization (the initiative's page is ``finance:initiative_money``). Anyone may read them;
an unknown, unpublished or unlicensed code is not found."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from joud.core.spreadsheet import safe_row
from joud.core.tenancy import scopes_disabled
from joud.donations.finance.selectors import initiative_by_code
from joud.organizations.selectors import organization_public
from joud.transparency.public_money import Figures, Statement, statement

# The figures in the order they are shown and exported, each with its stable export key.
FIGURES = (
    ("given", "given"),
    ("refunded", "refunded"),
    ("admin_share", "admin_share"),
    ("fees", "gateway_fees"),
    ("spent", "spent"),
    ("transfers", "moved_in_from_other_funds"),
    ("from_general", "covered_by_general_fund"),
    ("owed", "owed_by_organization"),
    ("balance", "held"),
)


def _initiative(code: str):
    initiative = initiative_by_code(code) if code.isalnum() and len(code) <= 20 else None
    if initiative is None:
        raise Http404
    return initiative


def _organization(slug: str):
    with scopes_disabled():
        org = organization_public(slug)
    if org is None:
        raise Http404
    return org


def _amounts(figures: Figures) -> dict[str, str]:
    return {key: f"{getattr(figures, attr):.3f}" for attr, key in FIGURES}


def statement_data(item: Statement, request) -> dict:
    """The statement as JSON: amounts as strings with their 3 decimals (never floats)."""
    org = item.organization
    data = {
        "currency": "OMR",
        "organization": {"name": org.name, "slug": org.slug},
        "totals": _amounts(item.totals),
        "donations": item.donations,
        "admin_share_cap_percent": f"{item.admin_cap_percent}",
        "admin_share_cap": f"{item.admin_cap:.3f}",
        "payments": [
            {
                "reference": line.reference,
                "date": line.date.isoformat(),
                "purpose": line.purpose,
                "purpose_label": line.purpose_label,
                "amount": f"{line.amount:.3f}",
                "payee_kind": line.payee_kind,
                "payee_kind_label": line.payee_kind_label,
                "paid": line.paid,
                "evidence": [
                    {"kind": e.kind, "url": request.build_absolute_uri(e.url)}
                    for e in line.evidence
                ],
            }
            for line in item.lines
        ],
        "months": [
            {"month": month.strftime("%Y-%m"), **_amounts(figures)}
            for month, figures in item.months
        ],
    }
    if item.initiative is not None:
        data["initiative"] = {"code": item.initiative.public_code, "title": item.initiative.title}
        data["timeline"] = [
            {
                "step": step.key,
                "done": step.done,
                "date": step.date.isoformat() if step.date else None,
            }
            for step in item.timeline
        ]
    else:
        data["admin_share_not_yet_used"] = f"{item.admin_held:.3f}"
    return data


def statement_csv(item: Statement, filename: str, request) -> HttpResponse:
    """One table: the totals, each payment out, then each month (one row per figure)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "date", "item", "label", "payee_kind", "amount_omr", "evidence"])
    for key, value in _amounts(item.totals).items():
        writer.writerow(safe_row(["total", "", key, "", "", value, ""]))
    for line in item.lines:
        evidence = " ".join(request.build_absolute_uri(e.url) for e in line.evidence)
        writer.writerow(
            safe_row(
                [
                    "payment",
                    line.date.isoformat(),
                    line.purpose,
                    line.purpose_label,
                    line.payee_kind,
                    f"{line.amount:.3f}",
                    evidence,
                ]
            )
        )
    for month, figures in item.months:
        for key, value in _amounts(figures).items():
            writer.writerow(safe_row(["month", month.strftime("%Y-%m"), key, "", "", value, ""]))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _json(item: Statement, filename: str, request) -> JsonResponse:
    response = JsonResponse(
        statement_data(item, request), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def initiative_csv(request, code: str):
    initiative = _initiative(code)
    return statement_csv(
        statement(initiative=initiative), f"{initiative.public_code}-money.csv", request
    )


@require_GET
def initiative_json(request, code: str):
    initiative = _initiative(code)
    return _json(statement(initiative=initiative), f"{initiative.public_code}-money.json", request)


@require_GET
def organization_money(request, slug: str):
    org = _organization(slug)
    return render(
        request,
        "finance/organization_money.html",
        {"organization": org, "statement": statement(organization=org)},
    )


@require_GET
def organization_csv(request, slug: str):
    org = _organization(slug)
    return statement_csv(statement(organization=org), f"{org.slug}-money.csv", request)


@require_GET
def organization_json(request, slug: str):
    org = _organization(slug)
    return _json(statement(organization=org), f"{org.slug}-money.json", request)
