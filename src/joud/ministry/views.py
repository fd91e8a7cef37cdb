"""The ministry console and its review pages. Every decision goes through ministry.services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from joud.campaigns.models import Category
from joud.complaints import selectors as complaint_selectors
from joud.complaints.models import Complaint
from joud.core import uploads
from joud.core.dates import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, format_hijri_year, to_hijri
from joud.core.forms import ReasonForm
from joud.core.hijri import hijri_month_start_announce, month_start_table
from joud.core.tenancy import scopes_disabled
from joud.ministry import complaints, selectors, services
from joud.ministry.access import ministry_required
from joud.ministry.forms import MonthStartForm
from joud.organizations.models import Organization


@ministry_required
def console(request):
    filters = selectors.ConsoleFilters.from_query(request.GET)
    today = timezone.localdate()
    with scopes_disabled():
        context = {
            "filters": filters,
            "today": today,
            "counters": selectors.national_counters(filters),
            "org_queue": list(selectors.organization_queue(filters, today=today)[:50]),
            "initiative_queue": list(selectors.initiative_queue(filters, today=today)[:50]),
            # The figures count every one waiting; the lists show the first fifty.
            "waiting": {
                "organizations": selectors.organization_queue(filters, today=today).count(),
                "initiatives": selectors.initiative_queue(filters, today=today).count(),
            },
            "overdue": selectors.overdue_answers(today=today),
            "overdue_reports": selectors.overdue_reports(today=today),
            "reports_to_review": selectors.reports_to_review(),
            "suspended": selectors.suspended(),
            "sanctions": selectors.recent_sanctions(),
            "governorates": selectors.governorates(),
            "kinds": Organization.Kind.choices,
            "categories": Category.choices,
        }
    return render(request, "web/ministry_console.html", context)


ORG_DECISIONS = {
    "approve": services.organization_approve,
    "reject": services.organization_reject,
    "changes": services.organization_request_changes,
    "warn": services.organization_warn,
    "suspend": services.organization_suspend,
    "reinstate": services.organization_reinstate,
}
INITIATIVE_DECISIONS = {
    "approve": services.initiative_approve,
    "reject": services.initiative_reject,
    "changes": services.initiative_request_changes,
    "suspend": services.initiative_suspend,
    "reinstate": services.initiative_reinstate,
    "close": services.initiative_close,
    "return_report": services.initiative_return_report,
}


@ministry_required
def organization_review(request, slug: str):
    with scopes_disabled():
        org = get_object_or_404(selectors.organizations(), slug=slug)
        context = {
            "organization": org,
            **selectors.organization_file(org),
            "today": timezone.localdate(),
        }
    return render(request, "ministry/organization_review.html", context)


@require_POST
@ministry_required
def organization_decide(request, slug: str, action: str):
    decide = ORG_DECISIONS.get(action)
    if decide is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect("ministry:organization", slug=slug)
    with scopes_disabled():
        org = get_object_or_404(selectors.organizations(), slug=slug)
        decide(organization=org, reviewer=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Decision recorded."))
    return redirect("ministry:organization", slug=slug)


@ministry_required
@require_GET
def document_download(request, pk: int):
    """A registration document, decrypted, as an attachment of the type its content was sniffed
    to be; never stored by a browser or a proxy, never sniffed into something else."""
    with scopes_disabled():
        document = get_object_or_404(selectors.organization_documents(), pk=pk)
    try:
        return uploads.download_response(document, fallback_name=document.get_kind_display())
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc


@ministry_required
def initiative_review(request, code: str):
    with scopes_disabled():
        initiative = get_object_or_404(selectors.initiatives(), public_code=code.upper())
        context = {**selectors.initiative_file(initiative), "today": timezone.localdate()}
    return render(request, "ministry/initiative_review.html", context)


@require_POST
@ministry_required
def initiative_decide(request, code: str, action: str):
    decide = INITIATIVE_DECISIONS.get(action)
    if decide is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect("ministry:initiative", code=code)
    with scopes_disabled():
        initiative = get_object_or_404(selectors.initiatives(), public_code=code.upper())
        decide(initiative=initiative, reviewer=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Decision recorded."))
    return redirect("ministry:initiative", code=initiative.public_code)


# ---- complaints from the public ---------------------------------------------------------------


@ministry_required
def complaint_queue(request):
    today = timezone.localdate()
    with scopes_disabled():
        context = {
            "open": complaint_selectors.with_clock(complaint_selectors.queue(), today=today),
            "decided": complaint_selectors.recently_decided(),
            "today": today,
        }
    return render(request, "ministry/complaints.html", context)


@ministry_required
def complaint_review(request, reference: str):
    today = timezone.localdate()
    with scopes_disabled():
        complaint = get_object_or_404(
            complaint_selectors.queue(open_only=False), reference=reference.upper()[:12]
        )
        context = {
            "complaint": complaint_selectors.with_clock([complaint], today=today)[0],
            "counts": complaint_selectors.counts_for(complaint.organization),
            "outcomes": [c for c in Complaint.Outcome.choices if c[0] != Complaint.Outcome.OPEN],
        }
    return render(request, "ministry/complaint.html", context)


@require_POST
@ministry_required
def complaint_decide(request, reference: str):
    outcome = request.POST.get("outcome", "")
    form = ReasonForm(request.POST)
    if outcome not in complaints.DECISIONS:
        messages.error(request, _("Choose an outcome."))
        return redirect("ministry:complaint", reference=reference)
    if not form.is_valid() or not form.cleaned_data["reason"].strip():
        messages.error(request, _("Give the reason for this decision."))
        return redirect("ministry:complaint", reference=reference)
    with scopes_disabled():
        complaint = get_object_or_404(
            complaint_selectors.queue(open_only=False), reference=reference.upper()[:12]
        )
        complaints.complaint_decide(
            complaint=complaint,
            reviewer=request.user,
            outcome=outcome,
            reason=form.cleaned_data["reason"],
        )
    messages.success(request, _("Decision recorded."))
    return redirect("ministry:complaint", reference=complaint.reference)


# ---- Oman's Hijri month starts ----------------------------------------------------------------

FIRST_COVERED_YEAR = 1445  # the platform's first Ramadan


@ministry_required
def month_starts(request):
    """The moon-sighting committee's announcements: the date published ahead, then the one
    confirmed on the night; every change is audited and moves the schedules not yet past."""
    language = (get_language() or "ar")[:2]
    form = MonthStartForm(request.POST or None, language=language)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            hijri_month_start_announce(
                hijri_year=data["hijri_year"],
                hijri_month=data["hijri_month"],
                starts_on=data["starts_on"],
                confirmed=data["confirmed"],
                actor=request.user,
                note=data["note"],
            )
            messages.success(request, _("The month's first day is recorded."))
            return redirect("ministry:month_starts")
        messages.error(request, _("Correct the announcement below."))
    this_year = to_hijri(timezone.localdate())[0]
    names = HIJRI_MONTHS_AR if language == "ar" else HIJRI_MONTHS_EN
    table = month_start_table(range(this_year + 1, FIRST_COVERED_YEAR - 1, -1))
    for entry in table:
        entry["label"] = f"{names[entry['month'] - 1]} {format_hijri_year(entry['year'], language)}"
    context = {
        "form": form,
        "table": table,
        "language": language,
    }
    return render(
        request, "ministry/month_starts.html", context, status=400 if form.errors else 200
    )
