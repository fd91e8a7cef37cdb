"""Cursor pagination: newest first by primary key, the cursor an opaque token of the last key.

A keyset, not an offset: a page stays right while rows are added (donations arrive all night),
and reading the hundredth page costs what the first does.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from joud.api.errors import BAD_CURSOR, ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class PageParams(Schema):
    cursor: str = Field("", max_length=40, description="next_cursor of the previous page")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"k{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raw = ""
    if not raw.startswith("k") or not raw[1:].isdigit() or len(raw) > 19:
        raise ApiError(400, "bad_cursor", BAD_CURSOR)
    return int(raw[1:])


def page(qs: QuerySet, params: PageParams) -> tuple[list[Any], str | None]:
    """One page of ``qs`` (newest first) and the cursor of the next page (None at the end)."""
    after = decode_cursor(params.cursor)
    if after is not None:
        qs = qs.filter(pk__lt=after)
    items = list(qs.order_by("-pk")[: params.limit + 1])
    more = len(items) > params.limit
    items = items[: params.limit]
    return items, encode_cursor(items[-1].pk) if more and items else None
