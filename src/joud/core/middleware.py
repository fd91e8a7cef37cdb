"""Language choice, the single place where business errors become user messages, a database
that is restarting answered as "try again" (503) instead of a crash, and personal pages that no
cache keeps."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError, connections
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError
from joud.core.money import DIGITS_COOKIE, reset_preferred_digits, set_preferred_digits

logger = logging.getLogger(__name__)


class LanguageMiddleware(LocaleMiddleware):
    """Arabic unless the visitor chose English: ``?lang=`` (shared links) or the language cookie.

    The browser's Accept-Language is deliberately not consulted: many phones in Oman run an
    English interface, and the national platform opens in Arabic unless the person asks otherwise.
    """

    def process_request(self, request):
        lang = request.GET.get("lang")
        languages = dict(settings.LANGUAGES)
        if lang in languages:
            request._joud_set_language_cookie = lang
        else:
            lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if lang not in languages:
                lang = settings.LANGUAGE_CODE
        translation.activate(lang)
        request.LANGUAGE_CODE = lang

    def process_response(self, request, response):
        response = super().process_response(request, response)
        lang = getattr(request, "_joud_set_language_cookie", None)
        if lang:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                lang,
                max_age=365 * 24 * 3600,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            )
        return response


class DigitsMiddleware:
    """The digit system the person chose (``joud_digits`` cookie: Western digits on Arabic pages,
    or Arabic-Indic) for everything this request formats; the language's own otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_preferred_digits(request.COOKIES.get(DIGITS_COOKIE))
        try:
            return self.get_response(request)
        finally:
            reset_preferred_digits(token)


class NulByteMiddleware:
    """A NUL byte (``%00``) is never something a person typed, and PostgreSQL refuses it in any
    text it is asked to compare or store: in the address it names no page (404), in the query
    string it is a bad request (400), before any view puts it in a query (each was a 500: every
    view reading a code from its URL, every list page's search and filters)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        if "%00" in request.META.get("QUERY_STRING", "") and any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            raise BadRequest
        return self.get_response(request)


# Files that carry people's data whoever asks: exports, receipts, certificates, case documents.
_FILE_TYPES = {
    "text/csv",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class NoStoreMiddleware:
    """``Cache-Control: no-store`` (Django's never-cache headers) on every answer that may show
    someone's personal data, so neither the browser (its back button, a shared phone) nor a proxy
    keeps a copy: every answer to a signed-in person (case pages, the donor's and volunteer's own
    pages, the finance pages, the organization's dashboard), every file download and CSV, Excel
    or PDF answer, every answer to a post, and the pages that a secret link opens without signing
    in (``settings.JOUD_NO_STORE_URL_NAMES``: a donation's thank-you page, a giving plan, ...).

    A page a view marked ``Cache-Control: public`` (the same for everyone: QR codes, covers) stays
    cacheable for signed-in people too, unless it is a file of the kinds above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self.sensitive(request, response):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def sensitive(request, response) -> bool:
        content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
        if response.has_header("Content-Disposition") or content_type in _FILE_TYPES:
            return True
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            return True
        match = getattr(request, "resolver_match", None)
        if match and match.view_name in settings.JOUD_NO_STORE_URL_NAMES:
            return True
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        return "public" not in response.get("Cache-Control", "")


class BusinessErrorMiddleware:
    """A ``BusinessError`` escaping a view becomes a clear message, never a 500.

    Form posts go back where they came from with the message; other requests get an error page;
    JSON requests get ``{"error": ..., "code": ...}``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, BusinessError):
            return None
        message = str(exception.message)
        wants_json = "application/json" in request.headers.get("Accept", "")
        if wants_json or request.path.startswith("/api/"):
            return JsonResponse(
                {"error": message, "code": exception.code}, status=exception.status_code
            )
        referer = request.headers.get("Referer")
        if (
            request.method == "POST"
            and referer
            and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            messages.error(request, message)
            return HttpResponseRedirect(referer)
        return render(
            request,
            "errors/business.html",
            {"message": message, "code": exception.code},
            status=exception.status_code,
        )


DATABASE_RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    """The database restarting or unreachable (OperationalError, InterfaceError) is a moment to
    wait, not a bug: a 503 with ``Retry-After`` tells a payment gateway to redeliver and a person
    to try again, and the broken connection is dropped so the next request reconnects. (make
    chaos saw these as 500s during PostgreSQL restarts.) Other database errors stay 500s: they
    are bugs. The answer is plain text, because drawing a page would need the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("database unavailable on %s: %s", request.path, str(exception)[:200])
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        response = HttpResponse(
            _("The service is busy for a moment. Please try again in a few seconds."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
