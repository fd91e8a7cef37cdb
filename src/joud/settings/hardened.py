"""Production's hardening, without its refusal: shared by ``production`` and ``loopback``.

Never chosen directly: ``production`` adds the checks that refuse demo defaults, ``loopback`` (the
bench and the browser tests) keeps the sandbox gateway and the outbox but only on 127.0.0.1.
"""

from django.core.exceptions import ImproperlyConfigured

from joud.settings.base import *  # noqa: F403
from joud.settings.base import DATABASES, INSTALLED_APPS, env
from joud.settings.observability import JSON_LOGGING as LOGGING  # noqa: F401  (JSON on stdout)
from joud.settings.proxy import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The demo app (seed data, developer outbox) is never installed outside the demo and the tests,
# so there is no outbox page to show or link to, whatever JOUD_SHOW_OUTBOX says.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "joud.demo"]
JOUD_SHOW_OUTBOX = False

JOUD_HTTPS = env.bool("JOUD_HTTPS", default=True)
SECURE_SSL_REDIRECT = JOUD_HTTPS and env.bool("JOUD_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = JOUD_HTTPS
CSRF_COOKIE_SECURE = JOUD_HTTPS
LANGUAGE_COOKIE_SECURE = JOUD_HTTPS
# No script reads a cookie (htmx sends the CSRF token from the page): none is readable by one.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
# Flash messages in the session, not in a cookie of their own (deleted without Secure/HttpOnly).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_HSTS_SECONDS = env.int("JOUD_HSTS_SECONDS", default=31536000) if JOUD_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = JOUD_HTTPS
SECURE_HSTS_PRELOAD = JOUD_HTTPS
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_AGE = 60 * 60 * 8

# Keep database connections between requests: without it every webhook opens a new connection.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A cache shared by every process and node (sign-in rate limits count across them all).
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "joud",
        }
    }

# Real email: EMAIL_URL (smtp+tls://user:password@host:587) configures the "smtp" mailer, which
# joud.core.messaging.SmtpEmailBackend sends through.
EMAIL_URL = env.str("EMAIL_URL", default="")
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
try:
    _email = env.email_url("EMAIL_URL") if EMAIL_URL else {}
except ImproperlyConfigured:  # an unknown scheme: production's refusal names it with the rest
    _email = {"EMAIL_BACKEND": ""}
if _email.get("EMAIL_BACKEND") == SMTP_BACKEND:
    MAILERS = {
        "default": {"BACKEND": "joud.core.messaging.DjangoEmailToOutbox"},
        "smtp": {
            "BACKEND": SMTP_BACKEND,
            "OPTIONS": {
                "host": _email["EMAIL_HOST"],
                "port": _email["EMAIL_PORT"],
                "username": _email["EMAIL_HOST_USER"] or None,
                "password": _email["EMAIL_HOST_PASSWORD"] or None,
                "use_tls": bool(_email.get("EMAIL_USE_TLS")),
                "use_ssl": bool(_email.get("EMAIL_USE_SSL")),
                "timeout": env.int("JOUD_EMAIL_TIMEOUT", default=20),
            },
        },
    }
