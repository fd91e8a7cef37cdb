"""Language choice, the single place where business errors become user messages, and a database
that is restarting answered as "try again" (503) instead of a crash."""

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
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from joud.core.errors import BusinessError

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
