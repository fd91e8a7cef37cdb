"""Public pages of initiatives: home, search, an initiative's page and its sharing and QR
codes, an organization's public page, and public uploads.

Public reads cross organizations on purpose (``scopes_disabled``).
"""

from __future__ import annotations

import functools
import io
import mimetypes
from urllib.parse import quote

import segno
from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from joud.campaigns import access, images, reporting, selectors
from joud.campaigns.models import Category, Initiative
from joud.core.bounds import page_number
from joud.core.tenancy import scopes_disabled
from joud.geo.models import Governorate
from joud.organizations import selectors as organization_selectors


def absolute(request, path: str) -> str:
    base = (settings.SITE_URL or "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def verify_url(request, code: str) -> str:
    return absolute(request, reverse("web:verify_code", args=[code]))


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
    # A hand-edited address gets the first page; a page past the end, the last one.
    page = page_number(request.GET.get("page"))
    with scopes_disabled():
        results = selectors.browse(filters, page=page)
        organizations = organization_selectors.filter_organizations()
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


@require_GET
def detail(request, code: str):
    with scopes_disabled():
        initiative = selectors.initiative_for_public(code)
        if initiative is None:
            raise Http404
        if initiative.public_code != code:
            return redirect(initiative.get_absolute_url(), permanent=True)
        public = selectors.initiative_is_public(initiative)
        if not public and not access.may_see_unpublished(request.user, initiative):
            raise Http404
        updates = list(initiative.updates.select_related("posted_by")[:30])
        report = reporting.published_report(initiative)
        report_money = reporting.report_money(initiative) if report else None
    page_url = absolute(request, initiative.get_absolute_url())
    context = {
        "initiative": initiative,
        "organization": initiative.organization,
        "updates": updates,
        "is_public": public,
        "page_url": page_url,
        "verify_link": verify_url(request, initiative.public_code),
        "og_image": absolute(request, initiative.cover_url),
        "qr_svg": qr_inline(verify_url(request, initiative.public_code), get_language()),
        "is_org_member": access.is_team_member(request.user, initiative),
        "report": report,
        "report_money": report_money,
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
    if not selectors.initiative_is_public(initiative):
        raise Http404  # an unpublished title is not shared, as its page is not shown
    url = absolute(request, initiative.get_absolute_url()) + f"?lang={request.LANGUAGE_CODE}"
    return HttpResponseRedirect(make(initiative.title, url))


def _qr(url: str):
    return segno.make(url, error="m", micro=False)


@functools.lru_cache(maxsize=2048)
def qr_inline(url: str, language: str) -> str:
    """The inline SVG of an appeal's QR code. Drawing it costs a fifth of the initiative page's
    time; a code's URL never changes, so each process draws it once."""
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
def organization(request, slug: str):
    """An organization's public page: its licence, how to give to it, and its initiatives."""
    with scopes_disabled():
        org = organization_selectors.organization_public(slug)
        if org is None:
            raise Http404
        initiatives = selectors.organization_public_initiatives(org)
    return render(
        request,
        "campaigns/organization.html",
        {
            "organization": org,
            "live": initiatives.live,
            "finished": initiatives.finished,
            "live_total": initiatives.live_total,
            "finished_total": initiatives.finished_total,
        },
    )


@require_GET
@cache_control(public=True, max_age=7 * 86400)
def cover_art(request, category: str, variant: int):
    """The drawn cover of an initiative without an uploaded one (no text: both languages)."""
    if category not in images.ART_PALETTES or not 0 <= variant < images.ART_VARIANTS:
        raise Http404
    response = HttpResponse(images.fallback_cover(category, variant), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
