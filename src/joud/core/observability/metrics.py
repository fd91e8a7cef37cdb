"""Prometheus metrics: requests by route, and the platform's own counts and readings.

Counters and histograms live in this process (prometheus_client). Under gunicorn every worker is
a process of its own: with ``PROMETHEUS_MULTIPROC_DIR`` set (an empty directory, emptied at each
start) each one writes its values to files there and ``/metrics`` adds every worker's up, so a
scrape sees the whole node whichever worker answers. Without it (the demo, the tests) the values
are this process's alone.

Readings of shared state (the fold's lag, the queue's depth) are not counted here: they are read
from the database when scraped, like ``/readyz`` reads them, so every node reports the same truth.

The apps call the small functions below, one line at each point worth counting.
"""

from __future__ import annotations

import logging
import os

from django.db import transaction
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from joud.core.observability import probes

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "joud_http_requests_total",
    "HTTP requests answered, by route (URL pattern name), method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "joud_http_request_duration_seconds",
    "Time to answer an HTTP request, by route and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
CONFIRMATIONS = Counter(
    "joud_payment_events_applied_total",
    "Gateway outcomes applied to payments once committed: confirm, hold, fail, pend, noop, "
    "duplicate, unknown.",
    ["outcome"],
)
WEBHOOKS_REJECTED = Counter(
    "joud_webhooks_rejected_total",
    "Webhook deliveries refused, by the reason the sender is told.",
    ["reason"],
)
MESSAGES_FAILED = Counter(
    "joud_messages_failed_total",
    "SMS and email sends that failed, by channel.",
    ["channel"],
)


# (route, method, status) -> the labelled counter and histogram: labels() costs more than inc().
_REQUEST_CHILDREN: dict[tuple[str, str, int], tuple] = {}


def request_observed(*, route: str, method: str, status: int, seconds: float) -> None:
    key = (route, method, status)
    children = _REQUEST_CHILDREN.get(key)
    if children is None:
        children = (REQUESTS.labels(route, method, str(status)), LATENCY.labels(route, method))
        _REQUEST_CHILDREN[key] = children
    children[0].inc()
    children[1].observe(seconds)


def payment_event_applied(outcome: str) -> None:
    """Count what applying a gateway's event did, once the change is committed (at once outside
    a transaction; never if the surrounding transaction rolls back)."""
    transaction.on_commit(CONFIRMATIONS.labels(outcome).inc)


def webhook_rejected(reason: str) -> None:
    WEBHOOKS_REJECTED.labels(reason).inc()


def message_failed(channel: str) -> None:
    MESSAGES_FAILED.labels(channel).inc()


class PlatformCollector(Collector):
    """Gauges read from the database at scrape time. With the database down the scrape still
    answers (the counters, and ``joud_platform_readings_up 0``): /readyz names the outage."""

    def collect(self):
        try:
            readings = list(self._readings())
        except Exception as exc:  # a scrape reports, never fails
            logger.warning("metrics: platform readings unavailable: %s", exc.__class__.__name__)
            readings = []
        yield GaugeMetricFamily(
            "joud_platform_readings_up",
            "1 when the database readings below could be taken at this scrape.",
            value=1 if readings else 0,
        )
        yield from readings

    def _readings(self):
        depth = GaugeMetricFamily(
            "joud_task_queue_depth", "Tasks waiting to run, by queue.", labels=["queue"]
        )
        for queue, n in sorted(probes.queue_depths().items()):
            depth.add_metric([queue], n)
        yield depth
        lag = probes.fold_lag_seconds()
        yield GaugeMetricFamily(
            "joud_fold_lag_seconds",
            "How far the public totals may be behind the ledger (-1: never folded).",
            value=-1 if lag is None else lag,
        )
        beat = probes.heartbeat_age_seconds()
        yield GaugeMetricFamily(
            "joud_scheduler_heartbeat_age_seconds",
            "Seconds since a scheduler last looped (-1: never).",
            value=-1 if beat is None else beat,
        )


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def exposition() -> tuple[bytes, str]:
    """The text a Prometheus scrape gets, and its content type."""
    registry = CollectorRegistry(auto_describe=True)
    if multiprocess_dir():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ProcessCollectors())
    registry.register(PlatformCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _ProcessCollectors(Collector):
    """This process's own metrics (the default registry), inside a per-scrape registry."""

    def collect(self):
        yield from REGISTRY.collect()
