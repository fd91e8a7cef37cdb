"""The NinjaAPI under /api/v1/: its routers, its one error body, its docs served locally.

``"ninja"`` is in INSTALLED_APPS, so the Swagger page loads its script and styles from our own
static files (no CDN) and its settings sit in a JSON block, not an inline script (CSP).
"""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer

from joud.api import exports, ministry, organization, public, writes
from joud.api.auth import TOKEN_HELP
from joud.api.errors import (
    BAD_INPUT,
    NOT_FOUND,
    RATE_LIMITED,
    TOKEN_REQUIRED,
    ApiError,
    error_body,
)
from joud.core.errors import BusinessError


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Arabic as itself, not \\u escapes


api = NinjaAPI(
    renderer=Renderer(),
    title="Joud API",
    version="1",
    description=(
        "Joud's public and organization API. Public addresses need no token; organization "
        "addresses take `Authorization: Bearer <token>` (" + TOKEN_HELP + "). Every error "
        "has the body {code, message_ar, message_en}. Lists are newest first with cursor "
        "pagination (`next_cursor`). Writes need an `Idempotency-Key` header. Ministry "
        "addresses take a ministry token (`Bearer joudmin_…`), issued by a ministry officer "
        "on the ministry's screen and acting in their name; each kind of token opens only its "
        "own addresses."
    ),
    urls_namespace="api:v1",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_url="/docs",
)
api.add_router("/", public.router)
api.add_router("/org", organization.router)
api.add_router("/org", writes.router)
api.add_router("/org", exports.router)
api.add_router("/ministry", ministry.router)


def _answer(request, status: int, code: str, message, headers: dict | None = None):
    response = api.create_response(request, error_body(code, message), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _answer(request, exc.status_code, exc.code, exc.message, exc.headers)


@api.exception_handler(BusinessError)
def _business_error(request, exc: BusinessError):
    return _answer(request, exc.status_code, exc.code, exc.message)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return _answer(request, 400, "invalid", BAD_INPUT)


@api.exception_handler(AuthenticationError)
def _authentication_error(request, exc):
    return _answer(request, 403, "token_required", TOKEN_REQUIRED)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _answer(request, 404, "not_found", NOT_FOUND)


@api.exception_handler(Throttled)
def _throttled(request, exc: Throttled):
    return _answer(request, 429, "rate_limited", RATE_LIMITED)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _answer(request, exc.status_code, "http_error", BAD_INPUT)
