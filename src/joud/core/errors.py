"""One exception type for expected business failures.

Services raise ``BusinessError`` with a translatable message; the web layer shows it to the user in
their language (never a 500) and the API turns it into a 4xx.
"""

from __future__ import annotations

from typing import Any


class BusinessError(Exception):
    """An expected failure of a business rule: the user did something the rules do not allow."""

    status_code = 400

    def __init__(self, message: Any, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message  # may be a lazy translation: rendered in the active language
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class PermissionDeniedError(BusinessError):
    status_code = 403


class NotFoundError(BusinessError):
    status_code = 404
