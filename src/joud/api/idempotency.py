"""Idempotency-Key on every write: the first request with a key does the write and its answer is
kept; the same key again (same token) gets that answer back, and the write happens once. The
same key with a different request is refused. Two requests racing with one key meet on the
unique constraint: the second waits for the first and then replays its answer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import nullcontext

from django.db import transaction

from joud.api.errors import IDEMPOTENCY_REQUIRED, IDEMPOTENCY_REUSED, ApiError
from joud.api.models import IdempotentRequest, MinistryIdempotentRequest, MinistryToken
from joud.core.tenancy import organization_scope

HEADER = "Idempotency-Key"


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0" + request.path.encode() + b"\0")
    digest.update(request.body or b"")
    return digest.hexdigest()


def idempotent(request, write: Callable[[], tuple[int, dict]]) -> tuple[int, dict]:
    key = (request.headers.get(HEADER) or "").strip()
    if not key or len(key) > 100 or not key.isascii() or not key.isprintable():
        raise ApiError(400, "idempotency_key_required", IDEMPOTENCY_REQUIRED)
    token = request.auth
    fingerprint = _fingerprint(request)
    if isinstance(token, MinistryToken):  # the ministry's answers: no organization owns them
        store, defaults, scope = MinistryIdempotentRequest.objects, {}, nullcontext()
    else:
        store = IdempotentRequest.objects
        defaults = {"organization_id": token.organization_id}
        scope = organization_scope(token.organization)
    with transaction.atomic(), scope:
        record, created = store.select_for_update().get_or_create(
            token=token, key=key, defaults={**defaults, "fingerprint": fingerprint}
        )
        if not created:
            if record.fingerprint != fingerprint:
                raise ApiError(422, "idempotency_key_reused", IDEMPOTENCY_REUSED)
            request.idempotent_replay = True
            return record.status, record.body
        status, body = write()
        record.status, record.body = status, body
        record.save(update_fields=["status", "body"])
    return status, body
