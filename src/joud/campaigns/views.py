"""Public pages of initiatives, the verify page, and the organization's own initiative pages.

Thin: read through selectors, write through services. Public reads cross organizations on
purpose (``scopes_disabled``); the organization's pages run inside its scope.
"""

from __future__ import annotations

import csv
import functools
import io
import mimetypes
from urllib.parse import quote

import segno
from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from joud.campaigns import selectors, services
from joud.campaigns.forms import InitiativeForm, ReportForm, UpdateForm
from joud.campaigns.models import Category, Initiative
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.geo.models import Governorate
from joud.organizations.access import organization_member_required
from joud.organizations.models import Membership


def _absolute(request, path: str) -> str:
    base = (settings.SITE_URL or "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def _rules() -> dict:
    return {
        "lead_days": settings.JOUD_SUBMISSION_LEAD_DAYS,
        "answer_days": settings.JOUD_MINISTRY_ANSWER_WORKING_DAYS,
        "report_days": settings.JOUD_REPORT_DUE_WORKING_DAYS,
        "share_cap": settings.JOUD_ADMIN_SHARE_CAP,
    }


def verify_url(request, code: str) -> str:
    return _absolute(request, reverse("web:verify_code", args=[code]))


# ---- public pages ----------------------------------------------------------------------------


@require_GET
def home(request):
    with scopes_disabled():  # the public page reads every organization's live initiatives
        context = selectors.home_page()
    context["today"] = timezone.localdate()
    context["governorates"] = Governorate.objects.all()
    return render(request, "web/home.html", context)


@require_GET
def browse(request):
    filters = selectors.BrowseFilters.from_query(request.GET)
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1  # a hand-edited address gets the first page, not an error
    with scopes_disabled():
        results = selectors.browse(filters, page=page)
        organizations = selectors.filter_organizations()
    others = request.GET.copy()
    others.pop("page", None)
    context = {
        "filters": filters,
        "results": results,
        "page_query": others.urlencode(),
        "categories": Category.choices,
        "governorates": Governorate.objects.all(),
        "organizations": organizations,
    }
    template = (
        "campaigns/_results.html" if request.headers.get("HX-Request") else "campaigns/browse.html"
    )
    return render(request, template, context)


def _viewer_may_see_unpublished(user, initiative: Initiative) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_ministry_reviewer:
        return True
    return Membership.objects.filter(
        user=user, organization_id=initiative.organization_id, is_active=True
    ).exists()


@require_GET
def detail(request, code: str):
    with scopes_disabled():
        initiative = selectors.initiative_for_public(code)
        if initiative is None:
            raise Http404
        if initiative.public_code != code:
            return redirect(initiative.get_absolute_url(), permanent=True)
        public = selectors.initiative_is_public(initiative)
        if not public and not _viewer_may_see_unpublished(request.user, initiative):
            raise Http404
        updates = list(initiative.updates.select_related("posted_by")[:30])
    page_url = _absolute(request, initiative.get_absolute_url())
    context = {
        "initiative": initiative,
        "organization": initiative.organization,
        "updates": updates,
        "is_public": public,
        "page_url": page_url,
        "verify_link": verify_url(request, initiative.public_code),
        "og_image": _absolute(request, initiative.cover_image.url)
        if initiative.cover_image
        else "",
        "qr_svg": _qr_inline(verify_url(request, initiative.public_code), get_language()),
        "is_org_member": request.user.is_authenticated
        and Membership.objects.filter(
            user=request.user, organization_id=initiative.organization_id, is_active=True
        ).exists(),
    }
    return render(request, "campaigns/detail.html", context)


SHARE_TARGETS = {
    "whatsapp": lambda title, url: "https://wa.me/?text=" + quote(f"{title}\n{url}"),
    "x": lambda title, url: "https://x.com/intent/post?text=" + quote(title) + "&url=" + quote(url),
}


@require_GET
def share(request, code: str, target: str):
    """Share buttons go through us: pages link only to our own URLs, and the link carries the
    language so the preview and the page open in the sharer's language."""
    make = SHARE_TARGETS.get(target)
    if make is None:
        raise Http404
    with scopes_disabled():
        initiative = get_object_or_404(Initiative, public_code=code.upper())
    url = _absolute(request, initiative.get_absolute_url()) + f"?lang={request.LANGUAGE_CODE}"
    return HttpResponseRedirect(make(initiative.title, url))


def _qr(url: str):
    return segno.make(url, error="m", micro=False)


@functools.lru_cache(maxsize=2048)
def _qr_inline(url: str, language: str) -> str:
    """The inline SVG of an appeal's QR code. Drawing it took a fifth of the initiative page's
    time in the benchmark; a code's URL never changes, so each process draws it once."""
    return _qr(url).svg_inline(scale=4, dark="#0b6e4f", title=_("QR code to verify this appeal"))


@require_GET
@cache_control(public=True, max_age=3600)
def qr_png(request, code: str):
    """A QR code image of the verify URL of ``code`` (for posters and printed appeals)."""
    code = code.upper()
    if not code.isalnum() or len(code) > 12:
        raise Http404
    out = io.BytesIO()
    _qr(verify_url(request, code)).save(out, kind="png", scale=8, border=2, dark="#0b6e4f")
    return HttpResponse(out.getvalue(), content_type="image/png")


@require_GET
@cache_control(public=True, max_age=3600)
def qr_svg(request, code: str):
    code = code.upper()
    if not code.isalnum() or len(code) > 12:
        raise Http404
    out = io.BytesIO()
    _qr(verify_url(request, code)).save(out, kind="svg", scale=6, border=2, dark="#0b6e4f")
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@require_GET
def verify(request, code: str = ""):
    code = (code or request.GET.get("code") or "").strip().upper()[:12]
    with scopes_disabled():
        result = selectors.verify_code(code) if code else None
    context = {"code": code, "result": result}
    if result and result["status"] != "unknown":
        context["qr_svg"] = _qr_inline(verify_url(request, code), get_language())
        context["verify_link"] = verify_url(request, code)
    return render(request, "web/verify.html", context)


PUBLIC_MEDIA_PREFIXES = ("covers/", "updates/")


@require_GET
@cache_control(public=True, max_age=86400)
def media(request, path: str):
    """Public uploads (covers, update photos) served by Django, as the demo runs without DEBUG.
    Registration documents live under ``private/`` and are never served here."""
    if not settings.JOUD_SERVE_MEDIA or not path.startswith(PUBLIC_MEDIA_PREFIXES) or ".." in path:
        raise Http404
    if not default_storage.exists(path):
        raise Http404
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if not content_type.startswith("image/") or "svg" in content_type:
        raise Http404
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- the organization's initiatives (inside its scope) -----------------------------------------


@organization_member_required()
def org_dashboard(request):
    state = request.GET.get("state", "")
    initiatives = selectors.dashboard_initiatives(state=state)
    org = request.organization
    context = {
        "organization": org,
        "initiatives": initiatives,
        "state": state,
        "states": Initiative.State.choices,
        "is_admin": request.membership.role == Membership.Role.ADMIN,
        "answers_overdue": [i for i in initiatives if i.answer_overdue],
        "reports_overdue": [i for i in initiatives if i.report_overdue],
    }
    return render(request, "web/org_dashboard.html", context)


def _own_initiative(code: str) -> Initiative:
    # Scoped by the decorator: another organization's code is simply not found.
    return get_object_or_404(
        Initiative.objects.select_related("organization"), public_code=code.upper()
    )


@organization_member_required(Membership.Role.ADMIN)
def initiative_new(request):
    form = InitiativeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(
                organization=request.organization,
                actor=request.user,
                data=form.cleaned_data,
                target_wilayats=form.cleaned_data.get("target_wilayats") or (),
                cover=form.cleaned_data.get("cover"),
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Draft saved. Submit it to the ministry when it is ready."))
            return redirect("campaigns:org_initiative", code=initiative.public_code)
    return render(
        request,
        "campaigns/org_form.html",
        {"form": form, "organization": request.organization, "rules": _rules()},
    )


@organization_member_required(Membership.Role.ADMIN)
def initiative_edit(request, code: str):
    initiative = _own_initiative(code)
    if initiative.state != Initiative.State.DRAFT:
        messages.error(
            request, _("Only a draft can be changed; this initiative is already submitted.")
        )
        return redirect("campaigns:org_initiative", code=initiative.public_code)
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_edit(
                initiative=Initiative.objects.get(pk=initiative.pk),
                actor=request.user,
                data=form.cleaned_data,
                target_wilayats=form.cleaned_data.get("target_wilayats"),
                cover=form.cleaned_data.get("cover"),
            )
        except BusinessError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Changes saved."))
            return redirect("campaigns:org_initiative", code=initiative.public_code)
    return render(
        request,
        "campaigns/org_form.html",
        {
            "form": form,
            "organization": request.organization,
            "initiative": initiative,
            "rules": _rules(),
        },
    )


@organization_member_required()
def org_initiative(request, code: str):
    initiative = _own_initiative(code)
    item = selectors.attach_progress([initiative])[0]
    today = timezone.localdate()
    context = {
        "organization": request.organization,
        "initiative": item,
        "updates": list(initiative.updates.all()[:30]),
        "problems": services.initiative_rule_problems(initiative)
        if initiative.state == Initiative.State.DRAFT
        else [],
        "update_form": UpdateForm(),
        "report_form": ReportForm(),
        "is_admin": request.membership.role == Membership.Role.ADMIN,
        "answer_overdue": initiative.state == Initiative.State.SUBMITTED
        and initiative.answer_due_on
        and initiative.answer_due_on < today,
        "report_overdue": initiative.state == Initiative.State.ENDED
        and initiative.report_due_on
        and initiative.report_due_on < today,
        "history": selectors.history(initiative),
        "rules": _rules(),
    }
    return render(request, "campaigns/org_initiative.html", context)


@require_POST
@organization_member_required(Membership.Role.ADMIN)
def initiative_submit(request, code: str):
    initiative = _own_initiative(code)
    services.initiative_submit(initiative=initiative, actor=request.user)
    messages.success(request, _("Sent to the ministry. It answers within the working days shown."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@require_POST
@organization_member_required(Membership.Role.ADMIN)
def initiative_end(request, code: str):
    initiative = _own_initiative(code)
    services.initiative_end_early(
        initiative=initiative, actor=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(request, _("The initiative has ended. Its report is now due."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@require_POST
@organization_member_required(Membership.Role.ADMIN)
def initiative_report(request, code: str):
    initiative = _own_initiative(code)
    form = ReportForm(request.POST)
    if not form.is_valid():
        raise BusinessError(_("Write the report: what was raised, spent and achieved."))
    services.initiative_submit_report(
        initiative=initiative, actor=request.user, report_text=form.cleaned_data["report_text"]
    )
    messages.success(request, _("Report sent to the ministry."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@require_POST
@organization_member_required()
def initiative_post_update(request, code: str):
    initiative = _own_initiative(code)
    form = UpdateForm(request.POST, request.FILES)
    if not form.is_valid():
        raise BusinessError(_("Write the update in Arabic."))
    services.initiative_post_update(
        initiative=initiative,
        actor=request.user,
        body_ar=form.cleaned_data["body_ar"],
        body_en=form.cleaned_data.get("body_en", ""),
        photo=form.cleaned_data.get("photo"),
    )
    messages.success(request, _("Update posted."))
    return redirect("campaigns:org_initiative", code=initiative.public_code)


@organization_member_required()
def org_export(request, fmt: str):
    items = selectors.dashboard_initiatives()
    rows = selectors.export_rows(items)
    stamp = timezone.localdate().isoformat()
    name = f"joud-{request.organization.slug}-initiatives-{stamp}"
    if fmt == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # so spreadsheet programs read the Arabic as UTF-8
        writer = csv.writer(out)
        writer.writerow(selectors.EXPORT_HEADERS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "initiatives"
        ws.sheet_view.rightToLeft = request.LANGUAGE_CODE == "ar"
        ws.append(selectors.EXPORT_HEADERS)
        for row in rows:
            ws.append(row)
        for col in ("H", "I"):
            for cell in ws[col][1:]:
                cell.number_format = "#,##0.000"
        buf = io.BytesIO()
        wb.save(buf)
        response = HttpResponse(
            buf.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404
