"""Observability: readiness bounds, who may scrape /metrics, the access log, structured logs, error
reporting. Read by every profile (``base`` imports this module); the production hardening
(``hardened``) switches the logs to ``JSON_LOGGING``, the demo keeps readable text lines.

Multi-process metrics: set ``PROMETHEUS_MULTIPROC_DIR`` (read by prometheus_client itself) to an
empty directory for gunicorn's workers, the task workers and the scheduler of one node.
"""

import ipaddress

import environ
from django.core.exceptions import ImproperlyConfigured

from joud.core.observability.errors import init_error_reporting

__all__ = [
    "JOUD_METRICS_ALLOW",
    "JOUD_METRICS_TOKEN",
    "JOUD_READY_MAX_SCHEDULER_SILENCE_SECONDS",
    "JOUD_REQUEST_LOG",
    "JSON_LOGGING",
    "SENTRY_DSN",
]

_env = environ.Env()

# /readyz answers 503 ("scheduler") when no scheduler has looped for this long. It loops each
# second; a deploy restarting it takes a few.
JOUD_READY_MAX_SCHEDULER_SILENCE_SECONDS = _env.int(
    "JOUD_READY_MAX_SCHEDULER_SILENCE_SECONDS", default=30
)

# /metrics: networks allowed to scrape directly (comma-separated CIDRs) and/or a bearer token.
JOUD_METRICS_ALLOW = _env.list("JOUD_METRICS_ALLOW", default=["127.0.0.1/32", "::1/128"])
JOUD_METRICS_TOKEN = _env.str("JOUD_METRICS_TOKEN", default="")
for _net in JOUD_METRICS_ALLOW:
    try:
        ipaddress.ip_network(_net.strip(), strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"JOUD_METRICS_ALLOW: {_net!r} is not a network") from _exc

# One log line per request (joud.request: method, path, route, status, duration, request id).
JOUD_REQUEST_LOG = _env.bool("JOUD_REQUEST_LOG", default=True)

JSON_LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "joud.core.observability.context.ContextFilter"}},
    "formatters": {"json": {"()": "joud.core.observability.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["stdout"], "level": _env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The access log is joud.request's; Django's own 4xx lines would repeat it.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
    },
}

# Error reporting (Sentry's protocol), off unless SENTRY_DSN is set.
SENTRY_DSN = _env.str("SENTRY_DSN", default="")
init_error_reporting(
    dsn=SENTRY_DSN,
    environment=_env.str("SENTRY_ENVIRONMENT", default="production"),
    release=_env.str("SENTRY_RELEASE", default="") or None,
    traces_sample_rate=_env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
)
