"""Reads of the read-only public pages from a streaming replica; everything else on the primary.

Configured by ``joud.settings.replica`` (``DATABASE_REPLICA_URL``): without a replica there is no
router and none of this changes anything. With one:

- ``ReplicaPinMiddleware`` marks a request as a replica read when it is a GET or HEAD of one of
  ``JOUD_REPLICA_PAGES`` and the browser is not pinned; after any other method (a gift, a sign-in,
  any POST) it pins the browser to the primary for ``JOUD_REPLICA_PIN_SECONDS`` with a cookie, so
  the donor who just gave sees the gift on the initiative page even while the replica lags. If
  the replica fails during a page, the page is drawn again from the primary.
- ``PrimaryReplicaRouter`` sends a marked request's reads to the ``replica`` alias, except who the
  visitor is (sessions, users, sign-in and two-factor records, the task queue); every write and
  every migration goes to the primary. The public pages never write (a GET never changes state),
  so nothing they read can be their own uncommitted write.

The cookie only ever moves reads to the primary, so a forged one costs its sender nothing but
their own freshness; it carries no identity.
"""

from __future__ import annotations

import logging
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA_DB_ALIAS = "replica"
PIN_COOKIE = "joud_primary"
# Identity and queue state are always read where they are written.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "accounts", "account", "mfa", "django_tasks_db", "admin"}
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_reads: ContextVar[bool] = ContextVar("joud_replica_reads", default=False)


def reading_from_replica() -> bool:
    """Whether the current request's reads may come from the replica."""
    return _replica_reads.get()


def is_pinned(request, now: float | None = None) -> bool:
    """The browser wrote less than ``JOUD_REPLICA_PIN_SECONDS`` ago (its cookie says until when)."""
    try:
        until = float(request.COOKIES.get(PIN_COOKIE, ""))
    except ValueError:
        return False
    return until > (time.time() if now is None else now)


def pin(response, seconds: int) -> None:
    """Keep this browser on the primary for ``seconds``."""
    response.set_cookie(
        PIN_COOKIE,
        f"{time.time() + seconds:.0f}",
        max_age=seconds,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class ReplicaPinMiddleware:
    """Marks the public pages' reads for the replica; pins a browser that wrote to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = (
            REPLICA_DB_ALIAS in settings.DATABASES
            and f"{__name__}.PrimaryReplicaRouter" in settings.DATABASE_ROUTERS
        )
        self.pages = frozenset(settings.JOUD_REPLICA_PAGES)
        self.pin_seconds = settings.JOUD_REPLICA_PIN_SECONDS

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_joud_replica_token", None)
            if token is not None:
                _replica_reads.reset(token)
        if request.method not in SAFE_METHODS:
            pin(response, self.pin_seconds)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.enabled or request.method not in ("GET", "HEAD") or is_pinned(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.pages:
            request._joud_replica_token = _replica_reads.set(True)
            request._joud_replica_view = (view_func, view_args, view_kwargs)
        return None

    def process_exception(self, request, exception):
        """The replica failed (down, or cut off mid-page): the page is drawn again from the
        primary, which a GET can do safely since it never changes state."""
        view = getattr(request, "_joud_replica_view", None)
        if view is None or not isinstance(exception, DatabaseError):
            return None  # not a replica read (no replica configured, or another page): not ours
        replica = connections[REPLICA_DB_ALIAS]
        if not replica.errors_occurred:
            return None
        logger.warning("replica failed (%s): %s served from the primary", exception, request.path)
        replica.close()
        _replica_reads.set(False)  # the token taken in process_view still restores the default
        request._joud_replica_view = None
        view_func, view_args, view_kwargs = view
        return view_func(request, *view_args, **view_kwargs)


class PrimaryReplicaRouter:
    """The public pages' reads to the replica, everything else (and every write) to the primary."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and model._meta.app_label not in PRIMARY_ONLY_APPS:
            return REPLICA_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        both = {obj1._state.db, obj2._state.db}
        return both <= {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS, None} or None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
