"""The final report's photos: anyone's once the report is published, before that only the
organization's team and the ministry's (``access.may_see_unpublished``)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from joud.campaigns import access, reporting
from joud.campaigns.models import FinalReportPhoto, Initiative
from joud.core import uploads
from joud.core.tenancy import scopes_disabled


@require_GET
def report_photo(request, code: str, pk: int):
    with scopes_disabled():
        initiative = get_object_or_404(
            Initiative.objects.select_related("organization"), public_code=code.upper()[:12]
        )
        report = reporting.report_of(initiative)
        if report is None:
            raise Http404
        published = report.is_published
        if not published and not access.may_see_unpublished(request.user, initiative):
            raise Http404
        photo = get_object_or_404(FinalReportPhoto.unscoped, report=report, pk=pk)
    try:
        data = uploads.read(photo)
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = HttpResponse(data, content_type=photo.content_type or "image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    if published:
        patch_cache_control(response, public=True, max_age=86400)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
