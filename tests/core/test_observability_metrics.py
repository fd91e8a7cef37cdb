"""/metrics: the platform's counters move when a confirmation is committed and when a forged
webhook is refused, the readings come from the database, and nobody outside may scrape."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, transaction
from django.test import Client
from django.utils import timezone
from prometheus_client import REGISTRY

from joud.core.models import PeriodicJobRun
from joud.core.observability import metrics, probes
from tests.donations.factories import deliver, event_body, make_donation, post_webhook
from tests.payments.test_wsgi_lean_path import _call as call_wsgi

TOKEN = "scrape-token-0123456789abcdef"


def value(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.mark.django_db
def test_a_committed_confirmation_is_counted_once_on_both_paths(
    engine, initiative, django_capture_on_commit_callbacks
):
    _donation, attempt = make_donation(initiative=initiative)
    body = event_body(attempt)
    before = value("joud_payment_events_applied_total", outcome="confirm")
    duplicates = value("joud_payment_events_applied_total", outcome="duplicate")
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(body) == (200, {"status": "confirm"})
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(body) == (200, {"status": "duplicate"})
    assert value("joud_payment_events_applied_total", outcome="confirm") == before + 1
    assert value("joud_payment_events_applied_total", outcome="duplicate") == duplicates + 1


@pytest.mark.django_db
def test_a_confirmation_rolled_back_is_not_counted(
    engine, initiative, django_capture_on_commit_callbacks
):
    _donation, attempt = make_donation(initiative=initiative)
    before = value("joud_payment_events_applied_total", outcome="confirm")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert deliver(event_body(attempt))[0] == 200
        raise RuntimeError("the surrounding work failed")
    assert value("joud_payment_events_applied_total", outcome="confirm") == before


@pytest.mark.django_db
def test_a_forged_webhook_is_counted_by_reason(client, initiative):
    _donation, attempt = make_donation(initiative=initiative)
    before = value("joud_webhooks_rejected_total", reason="bad signature")
    response = post_webhook(client, event_body(attempt), secret="not-the-gateway-secret")
    assert response.status_code in (400, 401, 403)
    assert value("joud_webhooks_rejected_total", reason="bad signature") == before + 1


@pytest.mark.django_db(transaction=True)
def test_the_lean_webhook_handler_counts_refusals_and_requests_by_route(initiative):
    _donation, attempt = make_donation(initiative=initiative)
    labels = {"route": "payments:webhook", "method": "POST"}
    before = value("joud_webhooks_rejected_total", reason="too large")
    requests = value("joud_http_requests_total", status="413", **labels)
    timed = value("joud_http_request_duration_seconds_count", **labels)
    status, headers, _ = call_wsgi(
        "/pay/webhooks/sandbox/", method="POST", body=b"{" + b" " * 70_000 + b"}"
    )
    assert status.startswith("413")
    assert value("joud_webhooks_rejected_total", reason="too large") == before + 1
    assert value("joud_http_requests_total", status="413", **labels) == requests + 1
    assert value("joud_http_request_duration_seconds_count", **labels) == timed + 1
    assert len(headers["X-Request-ID"]) == 32  # the lean handler has the request id too


@pytest.mark.django_db
def test_made_up_methods_and_paths_do_not_grow_the_labels(client):
    labels = {"route": "<unmatched>", "method": "OTHER", "status": "404"}
    before = value("joud_http_requests_total", **labels)
    for n in range(3):
        client.generic(f"BREW{n}", f"/no-such-page-{n}/")
    assert value("joud_http_requests_total", **labels) == before + 3


@pytest.mark.django_db
def test_metrics_exposes_requests_counters_and_database_readings(client):
    PeriodicJobRun.objects.create(job=probes.FOLD_JOB, slot=timezone.now())
    PeriodicJobRun.objects.filter(job=probes.FOLD_JOB).update(
        enqueued_at=timezone.now() - dt.timedelta(seconds=90)
    )
    probes.record_heartbeat()
    metrics.message_failed("sms")
    client.get("/healthz")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert 'joud_http_requests_total{method="GET",route="web:healthz",status="200"}' in text
    assert "joud_http_request_duration_seconds_bucket" in text
    assert 'joud_messages_failed_total{channel="sms"}' in text
    assert "joud_webhooks_rejected_total" in text and "joud_payment_events_applied" in text
    lag = next(line for line in text.splitlines() if line.startswith("joud_fold_lag_seconds "))
    assert 90 <= float(lag.split()[1]) < 120
    beat = [
        ln for ln in text.splitlines() if ln.startswith("joud_scheduler_heartbeat_age_seconds ")
    ]
    assert 0 <= float(beat[0].split()[1]) < 10


@pytest.mark.django_db(transaction=True)
def test_queue_depth_is_read_by_queue_at_scrape_time(client, settings):
    from django_tasks_db.models import DBTaskResult

    from joud.core.tasks import send_sms_task

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "ledger"]}
    }
    send_sms_task.enqueue(to="+96891234567", body="waiting")
    send_sms_task.enqueue(to="+96891234568", body="waiting")
    assert DBTaskResult.objects.ready().count() == 2
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()
    assert 'joud_task_queue_depth{queue="default"} 2.0' in text


@pytest.mark.parametrize(
    ("remote", "extra", "expected"),
    [
        ("127.0.0.1", {}, 200),
        ("::1", {}, 200),
        ("::ffff:127.0.0.1", {}, 200),
        ("10.0.0.7", {"JOUD_METRICS_ALLOW": ["10.0.0.0/8"]}, 200),
        ("203.0.113.9", {}, 404),
        ("10.0.0.7", {}, 404),
        ("not-an-address", {}, 404),
    ],
)
@pytest.mark.django_db
def test_metrics_is_served_only_to_allowed_networks(client, settings, remote, extra, expected):
    for name, setting in extra.items():
        setattr(settings, name, setting)
    assert client.get("/metrics", REMOTE_ADDR=remote).status_code == expected


@pytest.mark.django_db
def test_through_the_proxy_only_the_token_opens_metrics(client, settings):
    """nginx on the same host connects from loopback: a forwarded request is not trusted for it."""
    proxied = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client.get("/metrics", **proxied).status_code == 404
    settings.JOUD_METRICS_TOKEN = TOKEN
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
    assert client.get("/metrics", **proxied, **bearer).status_code == 200
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", **outside, **bearer).status_code == 200
    assert client.get("/metrics", **outside, HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", **outside, HTTP_AUTHORIZATION=TOKEN).status_code == 404


@pytest.mark.django_db
def test_a_stranger_learns_nothing_from_other_methods():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    assert client.post("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 405


@pytest.mark.django_db
def test_an_empty_token_setting_never_matches_an_empty_bearer(client, settings):
    settings.JOUD_METRICS_TOKEN = ""
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 404


@pytest.mark.django_db
def test_metrics_still_answers_when_the_database_readings_fail(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(probes, "queue_depths", down)
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    text = response.content.decode()
    assert "joud_platform_readings_up 0.0" in text
    assert "joud_http_requests_total" in text and "joud_fold_lag_seconds" not in text


_WORKER = """
import sys, django
django.setup()
from joud.core.observability import metrics
for _ in range(int(sys.argv[1])):
    metrics.webhook_rejected("bad signature")
metrics.request_observed(route="payments:webhook", method="POST", status=401, seconds=0.01)
"""
_SCRAPE = """
from prometheus_client import CollectorRegistry, generate_latest, multiprocess
registry = CollectorRegistry()
multiprocess.MultiProcessCollector(registry)
print(generate_latest(registry).decode())
"""


def test_gunicorn_workers_counters_add_up_in_multiprocess_mode(tmp_path):
    """Two worker processes count; a third (the one answering the scrape) sees the sum."""
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "joud.settings.test",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    for times in (2, 3):
        subprocess.run([sys.executable, "-c", _WORKER, str(times)], env=env, check=True)
    assert len(list(tmp_path.glob("*.db"))) >= 2  # one file per process
    out = subprocess.run(
        [sys.executable, "-c", _SCRAPE], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert 'joud_webhooks_rejected_total{reason="bad signature"} 5.0' in out
    assert (
        'joud_http_requests_total{method="POST",route="payments:webhook",status="401"} 2.0' in out
    )
