"""The API's one error body: ``{"code", "message_ar", "message_en"}``, whatever went wrong.

Handlers raise ``ApiError`` (or the platform's ``BusinessError``); the message is a lazy
translation rendered in both languages, so a client shows its user the right one.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from joud.core.errors import BusinessError


class ErrorOut(Schema):
    code: str
    message_ar: str
    message_en: str


class ApiError(BusinessError):
    """An expected refusal with its HTTP status (``BusinessError`` carries code and message)."""

    def __init__(self, status: int, code: str, message: Any, *, headers: dict | None = None):
        super().__init__(message, code=code)
        self.status_code = status
        self.headers = headers or {}


def bilingual(message: Any) -> tuple[str, str]:
    with translation.override("ar"):
        arabic = str(message)
    with translation.override("en"):
        english = str(message)
    return arabic, english


def error_body(code: str, message: Any) -> dict:
    arabic, english = bilingual(message)
    return {"code": code, "message_ar": arabic, "message_en": english}


NOT_FOUND = _("Nothing was found at this address.")
BAD_INPUT = _("The request is not valid: check its parameters.")
TOKEN_REQUIRED = _("This address needs an API token (Authorization: Bearer …).")
TOKEN_INVALID = _("The API token is unknown, revoked or expired.")
TOKEN_WRONG_KIND = _(
    "This kind of API token does not open this address: an organization's token opens the "
    "organization addresses, a ministry token the ministry ones."
)
SCOPE_MISSING = _("The API token does not allow this (its scopes).")
RATE_LIMITED = _("Too many requests: wait a little and try again.")
IDEMPOTENCY_REQUIRED = _("Every write needs an Idempotency-Key header (a unique value).")
IDEMPOTENCY_REUSED = _("This Idempotency-Key was already used for a different request.")
BAD_CURSOR = _("The cursor is not valid: use the next_cursor of a previous page.")
