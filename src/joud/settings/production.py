"""Production profile, served by gunicorn: secure cookies, HSTS and security headers, and a
refusal to start while any demo default is in force (``joud.settings.guard`` names each one).

Run: DJANGO_SETTINGS_MODULE=joud.settings.production gunicorn joud.wsgi -c gunicorn.conf.py
(``manage.py`` and ``joud.wsgi`` both default to this module; the demo is chosen explicitly.)

Optional, each off until set: DATABASE_REPLICA_URL, JOUD_TRUSTED_PROXY_COUNT, the metrics' allow
list and token, SENTRY_DSN.

What an operator sets (nothing here has a usable default):
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, JOUD_SITE_URL (https://), DATABASE_URL, REDIS_URL,
JOUD_FIELD_KEYS, JOUD_BLIND_INDEX_KEY, JOUD_PAYMENT_PROVIDERS and the listed gateways' keys,
EMAIL_URL, DJANGO_DEFAULT_FROM_EMAIL, JOUD_SMS_BACKEND with its gateway's variables (TWILIO_* or
JOUD_SMS_HTTP_*), and with JOUD_STORAGE=s3 the AWS_* bucket variables.
deploy/joud.env.example lists each with the command that generates its key.
"""

from joud.settings.base import _DEMO_FIELD_KEY, _DEMO_SECRET_KEY
from joud.settings.guard import refuse, unsafe_production_settings
from joud.settings.hardened import *  # noqa: F403
from joud.settings.hardened import env

JOUD_PROFILE = "production"
# Read again without the demo's defaults: unset is refused below, never quietly the demo's value.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
SITE_URL = env.str("JOUD_SITE_URL", default="")
JOUD_FIELD_KEYS = env.list("JOUD_FIELD_KEYS", default=[])
JOUD_BLIND_INDEX_KEY = env.str("JOUD_BLIND_INDEX_KEY", default="")
JOUD_PAYMENT_PROVIDERS = env.list("JOUD_PAYMENT_PROVIDERS", default=[])
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="")
JOUD_EMAIL_BACKEND = env.str("JOUD_EMAIL_BACKEND", default="joud.core.messaging.SmtpEmailBackend")
JOUD_SMS_BACKEND = env.str("JOUD_SMS_BACKEND", default="")
# Asking for the outbox in production is a mistake to name, not to ignore.
JOUD_SHOW_OUTBOX = env.bool("JOUD_SHOW_OUTBOX", default=False)

refuse(
    "production",
    unsafe_production_settings(
        globals(), demo_secret=_DEMO_SECRET_KEY, demo_field_key=_DEMO_FIELD_KEY
    ),
    hint="Set these in the environment or in .env. For the demo or development choose "
    "DJANGO_SETTINGS_MODULE=joud.settings.base (make demo does).",
)
