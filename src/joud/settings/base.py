"""Base settings, read from the environment. SQLite by default; PostgreSQL by DATABASE_URL."""

from pathlib import Path

import environ

from joud.settings.assets import ASSET_DIRS
from joud.settings.auth import *  # noqa: F403
from joud.settings.csp import JOUD_NO_STORE_URL_NAMES, csp_policy  # noqa: F401
from joud.settings.i18n import *  # noqa: F403
from joud.settings.messaging import *  # noqa: F403
from joud.settings.privacy import *  # noqa: F403
from joud.settings.regulation import *  # noqa: F403
from joud.settings.scorecard import *  # noqa: F403

SRC_DIR = Path(__file__).resolve().parent.parent  # src/joud
BASE_DIR = SRC_DIR.parent.parent  # the repository root
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the SQLite file, collected static files and media live here

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
from joud.settings.replica import *  # noqa: E402, F403  (after .env: DATABASE_REPLICA_URL may be there)

# Which profile is running: "demo" here, "test", "production" or "loopback" (their modules).
JOUD_PROFILE = "demo"
# Values only the demo and the tests may use: production refuses to start with any of them.
_DEMO_SECRET_KEY = "joud-insecure-development-key-change-me-in-production-0123456789"  # noqa: S105
_DEMO_FIELD_KEY = "demo-only-field-key-do-not-use-in-production"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEMO_SECRET_KEY)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The address in every absolute link (QR codes, verify links, SMS and email, share links, og:url).
# Production sets JOUD_SITE_URL; the demo serves on JOUD_PORT (scripts/demo.sh), so without
# JOUD_SITE_URL the links follow the port the server really listens on.
JOUD_PORT = env.int("JOUD_PORT", default=8000)
SITE_URL = env.str("JOUD_SITE_URL", default=f"http://127.0.0.1:{JOUD_PORT}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks_db",
    "ninja",  # serves the OpenAPI UI's assets locally instead of from a CDN
    # Before allauth: its template overrides and Arabic wording take precedence over allauth's.
    "joud.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "joud.core",
    "joud.geo",
    "joud.organizations",
    "joud.privacy",
    "joud.ministry",
    "joud.campaigns",
    "joud.complaints",
    "joud.donations",
    "joud.payments",
    "joud.ledger",
    "joud.receipts",
    "joud.volunteering",
    "joud.beneficiaries",
    "joud.disbursements",
    "joud.endowments",
    "joud.obligations",
    "joud.web",
    "joud.transparency",
    "joud.insights",
    "joud.api",
    "joud.demo",  # demo data and conveniences; production.py removes it
]

MIDDLEWARE = [
    # First: the request id is on every log line, and every answer is timed and counted.
    "joud.core.observability.middleware.RequestObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # SECURE_CSP, below
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "joud.core.middleware.LanguageMiddleware",
    "joud.core.middleware.DigitsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "joud.core.middleware.NoStoreMiddleware",  # personal pages and files are never cached
    "joud.core.middleware.NulByteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "joud.accounts.middleware.RequireStaffTwoFactorMiddleware",
    "joud.core.middleware.BusinessErrorMiddleware",
    "joud.core.middleware.DatabaseUnavailableMiddleware",
    "joud.core.replica.ReplicaPinMiddleware",  # only with DATABASE_REPLICA_URL (settings/replica.py)
    "joud.insights.visits.InitiativeVisitMiddleware",  # initiative page visits (a cache counter)
    "joud.insights.anomalies.guard.CheckoutGuardMiddleware",  # card testing: slows a bursting source
]

ROOT_URLCONF = "joud.urls"
WSGI_APPLICATION = "joud.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "joud.web.context_processors.shell",
            ],
            "builtins": ["django.templatetags.i18n", "joud.web.templatetags.joud"],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'joud.sqlite3'}"),
    **REPLICA_DATABASES,  # noqa: F405  (settings/replica.py: none unless DATABASE_REPLICA_URL)
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo runs a web server and a worker on one SQLite file: wait for locks, use WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT = env.path("JOUD_STATIC_ROOT", default=STATIC_ROOT)  # e.g. a temp dir for e2e runs
STATICFILES_DIRS = ASSET_DIRS
from joud.settings.storage import *  # noqa: E402, F403  (STORAGES, MEDIA_*: uploads)

# Background work: Django's tasks framework, stored in the database, run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("JOUD_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "notifications", "payments", "ledger"],
    }
}

# /readyz answers 503 beyond these: tasks waiting to run, and seconds the public totals may lag.
JOUD_READY_MAX_QUEUE_DEPTH = env.int("JOUD_READY_MAX_QUEUE_DEPTH", default=5000)
JOUD_READY_MAX_FOLD_LAG_SECONDS = env.int("JOUD_READY_MAX_FOLD_LAG_SECONDS", default=60)
# ... and seconds the oldest accepted payment event may wait for the consumer.
JOUD_READY_MAX_APPLY_LAG_SECONDS = env.int("JOUD_READY_MAX_APPLY_LAG_SECONDS", default=60)
# Off: autovacuum keeps the fold's queue table lean. On only for a server with autovacuum off
# (the bench turns it on for this machine kind's PostgreSQL); the fold then vacuums it itself.
JOUD_FOLD_VACUUM = env.bool("JOUD_FOLD_VACUUM", default=False)

# Message senders: pluggable. The demo writes every message to the outbox page (/dev/outbox/).
JOUD_SMS_BACKEND = env.str("JOUD_SMS_BACKEND", default="joud.core.messaging.OutboxBackend")
JOUD_EMAIL_BACKEND = env.str("JOUD_EMAIL_BACKEND", default="joud.core.messaging.OutboxBackend")
JOUD_SHOW_OUTBOX = env.bool("JOUD_SHOW_OUTBOX", default=True)
# Django's own mail (allauth's emails) goes through the same pluggable Joud backend.
MAILERS = {"default": {"BACKEND": "joud.core.messaging.DjangoEmailToOutbox"}}
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Joud <no-reply@joud.om>")

# Payment providers (see joud.payments.registry).
JOUD_PAYMENT_PROVIDERS = env.list("JOUD_PAYMENT_PROVIDERS", default=["sandbox"])
JOUD_SANDBOX_WEBHOOK_SECRET = env.str(
    "JOUD_SANDBOX_WEBHOOK_SECRET", default="sandbox-webhook-secret-for-demo-and-tests"
)
# "inprocess" (demo, unit tests) or "http": the worker POSTs to JOUD_SITE_URL like a real gateway.
JOUD_SANDBOX_WEBHOOK_DELIVERY = env.str("JOUD_SANDBOX_WEBHOOK_DELIVERY", default="inprocess")
# Thawani (Oman's gateway): keys from the merchant portal; the base URL defaults to its UAT sandbox.
JOUD_THAWANI_SECRET_KEY = env.str("JOUD_THAWANI_SECRET_KEY", default="")
JOUD_THAWANI_PUBLISHABLE_KEY = env.str("JOUD_THAWANI_PUBLISHABLE_KEY", default="")
JOUD_THAWANI_WEBHOOK_SECRET = env.str("JOUD_THAWANI_WEBHOOK_SECRET", default="")
JOUD_THAWANI_BASE_URL = env.str("JOUD_THAWANI_BASE_URL", default="https://uatcheckout.thawani.om")
# Which key signs Thawani's webhooks (sources disagree): "webhook_secret", "secret_key" or
# "either". JOUD_THAWANI_WEBHOOK_SAMPLE: a JSON file {"body": ..., "headers": {...}} holding one
# delivery captured from Thawani's test environment; `manage.py check` (and so migrate/runserver)
# fails with a clear error when the configured key does not verify it.
JOUD_THAWANI_SIGNING_KEY = env.str("JOUD_THAWANI_SIGNING_KEY", default="webhook_secret")
JOUD_THAWANI_WEBHOOK_SAMPLE = env.str("JOUD_THAWANI_WEBHOOK_SAMPLE", default="")
# How old a webhook's timestamp may be (seconds): Thawani retries late; redeliveries are refused
# by their event id anyway.
JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS = env.int(
    "JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS", default=600
)
# client_reference_id: "numeric" (Thawani documents it as numerical; the attempt reference as
# digits, reversible) or "reference" (JD-7F3K2Q-P1 as it is).
JOUD_THAWANI_CLIENT_REFERENCE = env.str("JOUD_THAWANI_CLIENT_REFERENCE", default="numeric")
# The customer fields Thawani asks for, for anonymous gifts and fields a donor left empty.
JOUD_THAWANI_ANONYMOUS_NAME = env.str("JOUD_THAWANI_ANONYMOUS_NAME", default="Anonymous donor")
JOUD_THAWANI_ANONYMOUS_PHONE = env.str("JOUD_THAWANI_ANONYMOUS_PHONE", default="not given")
JOUD_THAWANI_ANONYMOUS_EMAIL = env.str("JOUD_THAWANI_ANONYMOUS_EMAIL", default="not given")
# Whether an anonymous donor's phone and email (given for the receipt) still go to Thawani.
JOUD_THAWANI_SEND_ANONYMOUS_CONTACT = env.bool("JOUD_THAWANI_SEND_ANONYMOUS_CONTACT", default=False)
# Payments no webhook confirmed are asked about at the gateway from this age (seconds), with
# back-off, until they are this many hours old (donations.services.pending).
JOUD_PAYMENT_POLL_AFTER_SECONDS = env.int("JOUD_PAYMENT_POLL_AFTER_SECONDS", default=180)
JOUD_PAYMENT_POLL_FOR_HOURS = env.int("JOUD_PAYMENT_POLL_FOR_HOURS", default=24)
# Stripe (official SDK, Checkout Session).
JOUD_STRIPE_SECRET_KEY = env.str("JOUD_STRIPE_SECRET_KEY", default="")
JOUD_STRIPE_WEBHOOK_SECRET = env.str("JOUD_STRIPE_WEBHOOK_SECRET", default="")

# A strict Content-Security-Policy on every page (settings/csp.py): no inline code, this site's
# scripts and styles only, forms to this site and the enabled gateways' payment pages.
SECURE_CSP = csp_policy(JOUD_PAYMENT_PROVIDERS, JOUD_THAWANI_BASE_URL, JOUD_MEDIA_ORIGIN)  # noqa: F405
# Reconciliation: where the gateways' daily report files are dropped (<provider>-YYYY-MM-DD.csv|json).
JOUD_RECONCILIATION_DIR = env.path("JOUD_RECONCILIATION_DIR", default=VAR_DIR / "reconciliation")

# Keys for encrypting personal data at rest (beneficiaries). Comma-separated; first one encrypts.
JOUD_FIELD_KEYS = env.list("JOUD_FIELD_KEYS", default=[_DEMO_FIELD_KEY])
# The blind index's own secret (duplicate detection across associations): never SECRET_KEY, so
# rotating that key keeps every index. The demo's fixed value is the key its indexes were made with.
JOUD_BLIND_INDEX_KEY = env.str("JOUD_BLIND_INDEX_KEY", default=_DEMO_SECRET_KEY)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Readiness bounds, /metrics access, JSON logs (production), error reporting: read after .env.
from joud.settings.observability import *  # noqa: E402, F403
