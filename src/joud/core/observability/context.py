"""What the current log lines belong to: the request being served or the task being run.

Context variables, so threads (and async code) never see each other's ids. ``ContextFilter`` puts
them on every log record; the JSON formatter writes them out. Task workers bind the task id from
``django.tasks``' started/finished signals; a request's id is forgotten when its response is
closed (``connect_signals``, called by ``joud.core.apps``).
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
task_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("task_id", default=None)

# What a proxy's X-Request-ID may look like to be kept: a UUID, nginx's $request_id (32 hex) or
# any short token of letters, digits and - _ . : (no spaces, newlines or quotes to forge log lines).
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,99}")


def incoming_or_new(value: str | None) -> str:
    """The proxy's request id if it is well formed, else a fresh one."""
    if value and _WELL_FORMED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class ContextFilter(logging.Filter):
    """Adds ``request_id`` and ``task_id`` (None outside a request or a task) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        if not hasattr(record, "task_id"):
            record.task_id = task_id.get()
        return True


# A stack, not one token: with the immediate backend (tests, the demo) a task that enqueues another
# runs it inside itself, and the inner one's finish must give the id back to the outer task, whose
# own finish then clears it. One slot here once left the outer id bound to the thread for good.
_task_tokens: contextvars.ContextVar[tuple[contextvars.Token, ...]] = contextvars.ContextVar(
    "task_tokens", default=()
)


def task_started(sender, task_result, **kwargs) -> None:
    _task_tokens.set((*_task_tokens.get(), task_id.set(str(task_result.id))))


def task_finished(sender, task_result, **kwargs) -> None:
    tokens = _task_tokens.get()
    if not tokens:
        return
    *outer, token = tokens
    try:
        task_id.reset(token)
    except ValueError:  # set in another context: give back the outer task's id, or none
        task_id.set(token.old_value if token.old_value is not contextvars.Token.MISSING else None)
    _task_tokens.set(tuple(outer))


def request_finished(sender, **kwargs) -> None:
    request_id.set(None)


def connect_signals() -> None:
    """Bind the running task's id to its log lines (db_worker sends these around each task),
    and forget a request's id once its response is closed. Ours runs before Django's "Task …
    RUNNING" line (Django's receiver is moved behind it) and after its "Task … SUCCESSFUL" line,
    so both carry the task's id."""
    from django.core.signals import request_finished as finished_request
    from django.tasks import signals

    signals.task_started.disconnect(signals.log_task_started)
    signals.task_started.connect(task_started, dispatch_uid="joud.observability.task_started")
    signals.task_started.connect(signals.log_task_started)
    signals.task_finished.connect(task_finished, dispatch_uid="joud.observability.task_finished")
    finished_request.connect(request_finished, dispatch_uid="joud.observability.request_finished")
