"""The organization's own dashboard of initiatives and its CSV and Excel export.

Runs inside the organization's scope (``organization_member_required``): only its own
initiatives are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from joud.campaigns.models import Initiative
from joud.campaigns.selectors import live_initiatives
from joud.core.money import quantize
from joud.core.spreadsheet import safe_row
from joud.ledger.models import Account, Entry
from joud.ledger.progress import attach_progress
from joud.ledger.selectors import accounts_raised

State = Initiative.State
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Deadline:
    label: str
    date: dt.date
    overdue: bool


# The dashboard lists the work in hand first (live, then what needs the organization: a report
# due, a draft, the ministry's answer awaited), then what is finished or stopped.
IN_HAND = (State.LIVE, State.ENDED, State.SUBMITTED, State.APPROVED, State.DRAFT)
FINISHED = (State.SUSPENDED, State.REPORTED, State.CLOSED, State.REJECTED)
_RANK = {state: n for n, state in enumerate(IN_HAND + FINISHED)}


def dashboard_initiatives(*, today: dt.date | None = None, state: str = "") -> list[Initiative]:
    """The scoped organization's initiatives, work in hand first (newest first within a state),
    with their next deadline, overdue flags and what each has raised (exact, from the ledger:
    a finished initiative shows what it raised)."""
    today = today or timezone.localdate()
    qs = Initiative.objects.all().order_by("-created_at")
    if state in State.values:
        qs = qs.filter(state=state)
    items = sorted(qs, key=lambda item: _RANK.get(item.state, len(_RANK)))
    return [mark_deadlines(item, today) for item in attach_exact_progress(items)]


def attach_exact_progress(items: list[Initiative]) -> list[Initiative]:
    """``attach_progress`` with the ledger's exact figures (folded and not yet folded): the
    organization's own page, read by few, says to the baisa what each initiative raised."""
    items = attach_progress(items)
    account_of = dict(
        Account.objects.filter(initiative_id__in=[i.pk for i in items]).values_list(
            "initiative_id", "pk"
        )
    )
    exact = accounts_raised(account_of.values())
    for item in items:
        if item.pk in account_of:
            raised, donors = exact[account_of[item.pk]]
            item.progress.raised, item.progress.donors = raised, donors
    return items


@dataclass
class KeyFigures:
    raised_this_month: Decimal
    month_start: dt.date
    live: int
    reports_due: int
    reports_overdue: int


def key_figures(organization, items: list[Initiative], *, today: dt.date) -> KeyFigures:
    """The dashboard's first line: gifts received since the first of the month (to any of the
    organization's funds, before refunds), live initiatives (the public's count: a suspended
    organization has none), final reports due and overdue."""
    start = today.replace(day=1)
    since = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    gifts = Entry.objects.filter(
        kind=Entry.Kind.GROSS,
        account__organization_id=organization.pk,
        transaction__created_at__gte=since,
    ).aggregate(total=Sum("credit"))["total"]
    return KeyFigures(
        raised_this_month=quantize(gifts or 0),
        month_start=start,
        live=live_initiatives().filter(organization=organization).count(),
        reports_due=sum(1 for i in items if i.state == State.ENDED),
        reports_overdue=sum(1 for i in items if i.report_overdue),
    )


def mark_deadlines(item: Initiative, today: dt.date) -> Initiative:
    """Set ``answer_overdue``, ``report_overdue`` and ``next_deadline`` on ``item``."""
    item.answer_overdue = bool(
        item.state == State.SUBMITTED and item.answer_due_on and item.answer_due_on < today
    )
    item.report_overdue = bool(
        item.state == State.ENDED and item.report_due_on and item.report_due_on < today
    )
    item.next_deadline = _next_deadline(item, today)
    return item


def _next_deadline(item: Initiative, today: dt.date):
    if item.state == State.SUBMITTED and item.answer_due_on:
        return Deadline(
            gettext("Ministry answer due"), item.answer_due_on, item.answer_due_on < today
        )
    if item.state == State.APPROVED and item.starts_on:
        return Deadline(gettext("Starts"), item.starts_on, False)
    if item.state == State.LIVE and item.ends_on:
        return Deadline(gettext("Ends"), item.ends_on, False)
    if item.state == State.ENDED and item.report_due_on:
        return Deadline(gettext("Report due"), item.report_due_on, item.report_due_on < today)
    return None


EXPORT_HEADERS = [
    "code",
    "title_ar",
    "title_en",
    "category",
    "state",
    "starts_on",
    "ends_on",
    "goal_omr",
    "raised_omr",
    "donors",
    "admin_share_percent",
    "submitted_at",
    "answer_due_on",
    "report_due_on",
    "reported_at",
]


def export_rows(items: list[Initiative]) -> list[list]:
    rows = []
    for i in items:
        rows.append(
            [
                i.public_code,
                i.title_ar,
                i.title_en,
                i.category,
                i.state,
                i.starts_on,
                i.ends_on,
                i.goal,
                i.progress.raised,
                i.progress.donors,
                i.admin_share_percent,
                timezone.localtime(i.submitted_at).replace(tzinfo=None) if i.submitted_at else None,
                i.answer_due_on,
                i.report_due_on,
                timezone.localtime(i.reported_at).replace(tzinfo=None) if i.reported_at else None,
            ]
        )
    return rows


def export_response(
    *, organization_slug: str, fmt: str, right_to_left: bool
) -> HttpResponse | None:
    """The dashboard's initiatives as a CSV or Excel download; None for an unknown format."""
    if fmt not in ("csv", "xlsx"):
        return None
    rows = export_rows(dashboard_initiatives())
    stamp = timezone.localdate().isoformat()
    name = f"joud-{organization_slug}-initiatives-{stamp}"
    if fmt == "csv":
        body, content_type = _csv(rows), "text/csv; charset=utf-8"
    else:
        body, content_type = _xlsx(rows, right_to_left=right_to_left), XLSX
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    add_never_cache_headers(response)  # donors' money and dates: never kept by a cache
    return response


def _csv(rows: list[list]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so spreadsheet programs read the Arabic as UTF-8
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADERS)
    for row in rows:
        writer.writerow(safe_row("" if v is None else v for v in row))
    return out.getvalue()


def _xlsx(rows: list[list], *, right_to_left: bool) -> bytes:
    # heavy: openpyxl is loaded only when someone downloads a spreadsheet
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "initiatives"
    ws.sheet_view.rightToLeft = right_to_left
    ws.append(EXPORT_HEADERS)
    for row in rows:
        ws.append(safe_row(row))
    for col in ("H", "I"):  # goal and raised, in rials to the baisa
        for cell in ws[col][1:]:
            cell.number_format = "#,##0.000"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
