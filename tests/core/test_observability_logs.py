"""Structured logs: each request has an id (the proxy's if well formed), echoed in the response
and on every log line written while it is served; production writes one JSON object a line;
task workers' lines carry the task id."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import sys

import pytest
from django.conf import settings as django_settings
from django.tasks import task

from joud.core.observability import context
from joud.settings.observability import JSON_LOGGING


@pytest.fixture
def json_stdout():
    """The production profile's LOGGING, its stdout handler writing here; restored afterwards."""
    logging.config.dictConfig(JSON_LOGGING)
    (handler,) = logging.getLogger().handlers
    assert handler.stream is sys.stdout
    out = io.StringIO()
    handler.setStream(out)

    def lines() -> list[dict]:
        return [json.loads(line) for line in out.getvalue().splitlines() if line]

    yield lines
    logging.config.dictConfig(django_settings.LOGGING)


def test_the_production_profile_logs_json():
    import joud.settings.hardened as hardened

    assert hardened.LOGGING is JSON_LOGGING
    assert "json" not in str(django_settings.LOGGING)  # the demo and tests keep text lines


@pytest.mark.django_db
def test_a_request_is_logged_as_one_json_line_with_its_id(client, json_stdout):
    response = client.get("/healthz?x=1", HTTP_X_REQUEST_ID="a1b2c3d4-0000-4000-8000-abcdefabcdef")
    assert response["X-Request-ID"] == "a1b2c3d4-0000-4000-8000-abcdefabcdef"
    (line,) = [row for row in json_stdout() if row["logger"] == "joud.request"]
    assert line["request_id"] == "a1b2c3d4-0000-4000-8000-abcdefabcdef"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/healthz", 200)
    assert line["route"] == "web:healthz"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")


@pytest.mark.django_db
def test_the_request_line_can_be_turned_off(client, json_stdout, settings):
    settings.JOUD_REQUEST_LOG = False
    response = client.get("/healthz")
    assert response["X-Request-ID"]  # the id is still made and echoed
    assert [row for row in json_stdout() if row["logger"] == "joud.request"] == []


@pytest.mark.django_db
def test_every_line_of_a_request_carries_its_id(client, json_stdout):
    response = client.get("/readyz")  # no fold yet: a 503, which Django itself logs too
    assert response.status_code == 503
    rows = json_stdout()
    assert {row["logger"] for row in rows} >= {"django.request", "joud.request"}
    assert {row["request_id"] for row in rows} == {response["X-Request-ID"]}
    assert context.request_id.get() is None  # nothing leaks to what runs next


@pytest.mark.parametrize(
    "incoming",
    [
        "abc\r\nX-Injected: 1",
        'abc\n{"level": "CRITICAL"}',
        "x" * 1024,
        "short",
        "has space in it",
        "",
    ],
)
def test_a_malformed_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    echoed = response["X-Request-ID"]
    assert echoed != incoming and len(echoed) == 32 and echoed.isalnum()


def test_without_an_incoming_id_each_request_gets_its_own(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert first["X-Request-ID"] != second["X-Request-ID"]


SEEN: list[str | None] = []


@task()
def _logging_task():
    SEEN.append(context.task_id.get())
    logging.getLogger("joud.task").warning("inside the task")


@pytest.mark.django_db
def test_a_task_workers_lines_carry_the_task_id(json_stdout):
    SEEN.clear()
    result = _logging_task.enqueue()
    rows = json_stdout()
    assert [str(result.id)] == SEEN
    inside = [row for row in rows if row["message"] == "inside the task"]
    assert inside[0]["task_id"] == str(result.id)
    # Django's own lines around the task too: "… state=RUNNING" and "… state=SUCCESSFUL".
    around = [row for row in rows if row["logger"] == "django.tasks"]
    assert [row["message"].rsplit("=", 1)[1] for row in around] == ["RUNNING", "SUCCESSFUL"]
    assert {row["task_id"] for row in around} == {str(result.id)}
    assert context.task_id.get() is None  # cleared when the task finished


@task()
def _inner_task():
    SEEN.append(context.task_id.get())


@task()
def _outer_task():
    SEEN.append(context.task_id.get())
    SEEN.append(str(_inner_task.enqueue().id))
    SEEN.append(context.task_id.get())  # the inner task gave the outer's id back


@pytest.mark.django_db
def test_a_task_that_runs_another_leaves_no_id_behind():
    """With the immediate backend a task that enqueues another runs it inside itself: each line
    carries the id of the task it comes from, and once both are done the thread has none (the
    outer task's id used to stay bound to the thread and leak into later requests' lines)."""
    SEEN.clear()
    outer = _outer_task.enqueue()
    outer_id, inner_seen, inner_id, outer_again = SEEN
    assert outer_id == outer_again == str(outer.id)
    assert inner_seen == inner_id != outer_id
    assert context.task_id.get() is None
