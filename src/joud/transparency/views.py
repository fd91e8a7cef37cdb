"""The open data's public page and its files at stable addresses (no sign-in).

The files are never computed here: each answer is the newest copy the daily job stored, with its
date (``Last-Modified`` and the downloaded file's name), an ``ETag`` (its SHA-256) for
conditional requests, and its licence (``Link: <…>; rel="license"``). A file not published yet
answers 503 with a page that says so and when to come back, never a 500.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from joud.core.money import localize_digits
from joud.transparency import selectors
from joud.transparency.catalogue import (
    FILES_BY_NAME,
    GRANT_MAPPING,
    KINDS,
    LICENCE_NAME,
    LICENCE_URL,
    REFRESH_HOURS_UTC,
    SMALL_COUNT,
    THREESIXTYGIVING_SCHEMA,
    publisher_prefix,
)

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 3600


@require_safe
def index(request):
    release, files = selectors.catalogue_with_files()
    return render(
        request,
        "transparency/open_data.html",
        {
            "release": release,
            "files": files,
            "grant_mapping": GRANT_MAPPING,
            "kinds": KINDS.items(),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            # One digit system per page: times in the reader's digits, as every number.
            "refresh_oman": localize_digits(f"{(REFRESH_HOURS_UTC + 4) % 24:02d}:00"),
            "refresh_utc": localize_digits(f"{REFRESH_HOURS_UTC:02d}:00"),
            "written_at": localize_digits(f"{timezone.localtime(release.generated_at):%H:%M}")
            if release
            else "",
            "small_count": SMALL_COUNT,
            "prefix": publisher_prefix(),
            "standard_url": THREESIXTYGIVING_SCHEMA,
        },
    )


def _not_published(request, name: str):
    response = render(request, "transparency/not_published.html", {"name": name}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


@require_safe
def download(request, filename: str):
    if filename not in FILES_BY_NAME:
        raise Http404
    published = selectors.published_file(filename)
    if published is None:
        return _not_published(request, filename)
    last_modified = published.release.generated_at.timestamp()
    conditional = get_conditional_response(
        request, etag=published.etag, last_modified=int(last_modified)
    )
    if conditional is None:
        try:
            content = published.read()
        except OSError:
            logger.exception("open data file %s is missing from storage", published.path)
            return _not_published(request, filename)
        response = HttpResponse(content, content_type=FILES_BY_NAME[filename].content_type)
        disposition = "inline" if filename.endswith(".json") else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{published.dated_name}"'
    else:
        response = conditional
    response["ETag"] = published.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    patch_cache_control(response, public=True, max_age=3600)
    return response
