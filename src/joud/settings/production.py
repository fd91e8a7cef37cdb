"""Production profile, served by gunicorn: secure cookies, HSTS and security headers.

Run: DJANGO_SETTINGS_MODULE=joud.settings.production gunicorn joud.wsgi -c gunicorn.conf.py
"""

from django.core.exceptions import ImproperlyConfigured

from joud.settings.base import *  # noqa: F403
from joud.settings.base import DATABASES, INSTALLED_APPS, SECRET_KEY, env

DEBUG = False
# The demo app (seed data, developer outbox) is never installed in production.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "joud.demo"]
if "insecure" in SECRET_KEY and not env.bool("JOUD_ALLOW_DEMO_SECRET", default=False):
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value for production.")

_https = env.bool("JOUD_HTTPS", default=True)
SECURE_SSL_REDIRECT = _https and env.bool("JOUD_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
LANGUAGE_COOKIE_SECURE = _https
SECURE_HSTS_SECONDS = env.int("JOUD_HSTS_SECONDS", default=31536000) if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_AGE = 60 * 60 * 8

# Keep database connections between requests: without it every webhook opens a new connection.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
