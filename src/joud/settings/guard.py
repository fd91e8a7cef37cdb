"""The production profile's refusal: every demo default still in force, named, before start.

``unsafe_production_settings`` reads a settings namespace (a settings module's ``globals()``) and
returns one line per problem, naming the variable to set; ``refuse`` raises them all at once, so an
operator fixes the whole list in one go instead of one restart per mistake. Values are never
printed: a secret set to something weak is named, not shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from joud.settings.csp import csp_problems
from joud.settings.privacy import period_problems, region_problems

OUTBOX_BACKEND = "joud.core.messaging.OutboxBackend"
TWILIO_BACKEND = "joud.core.messaging.TwilioSmsBackend"
HTTP_SMS_BACKEND = "joud.core.messaging.HttpSmsBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
THAWANI_UAT = "uatcheckout.thawani.om"
MIN_SECRET_LENGTH = 50
MIN_KEY_LENGTH = 32
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _secret_problems(s: Mapping, demo_secret: str) -> list[str]:
    key = s.get("SECRET_KEY", "")
    if not key:
        return ["DJANGO_SECRET_KEY is not set: set a long random value."]
    if key == demo_secret or "insecure" in key:
        return ["DJANGO_SECRET_KEY is the demo's key: set a long random value."]
    if len(key) < MIN_SECRET_LENGTH:
        return [f"DJANGO_SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters."]
    return []


def _key_problems(s: Mapping, demo_field_key: str, demo_secret: str) -> list[str]:
    problems = []
    field_keys = list(s.get("JOUD_FIELD_KEYS") or [])
    if not field_keys:
        problems.append(
            "JOUD_FIELD_KEYS is not set: beneficiaries' civil IDs and phones need an encryption "
            "key (a Fernet key, or a random secret of 32 characters or more)."
        )
    elif demo_field_key in field_keys:
        problems.append("JOUD_FIELD_KEYS holds the demo's encryption key: generate a new one.")
    elif any(len(key) < MIN_KEY_LENGTH for key in field_keys):
        problems.append(f"JOUD_FIELD_KEYS: every key needs {MIN_KEY_LENGTH} characters or more.")
    index_key = s.get("JOUD_BLIND_INDEX_KEY", "")
    if not index_key:
        problems.append(
            "JOUD_BLIND_INDEX_KEY is not set: duplicate detection needs its own secret, kept "
            "for the platform's life (changing it breaks matching across associations)."
        )
    elif index_key == s.get("SECRET_KEY") or index_key == demo_secret:
        problems.append(
            "JOUD_BLIND_INDEX_KEY equals DJANGO_SECRET_KEY or the demo's key: give it its own "
            "secret, so rotating the secret key keeps duplicate detection working."
        )
    elif len(index_key) < MIN_KEY_LENGTH:
        problems.append(f"JOUD_BLIND_INDEX_KEY is shorter than {MIN_KEY_LENGTH} characters.")
    return problems


def _payment_problems(s: Mapping) -> list[str]:
    providers = list(s.get("JOUD_PAYMENT_PROVIDERS") or [])
    problems = []
    if not providers:
        problems.append("JOUD_PAYMENT_PROVIDERS names no payment gateway (e.g. thawani).")
    if "sandbox" in providers:
        problems.append(
            "JOUD_PAYMENT_PROVIDERS lists the sandbox gateway: it confirms donations nobody paid, "
            "with a public webhook secret. List the real gateways only (e.g. thawani)."
        )
    if "thawani" in providers:
        signing_key = s.get("JOUD_THAWANI_SIGNING_KEY", "webhook_secret")
        needed = ["JOUD_THAWANI_SECRET_KEY"]
        if signing_key != "secret_key":
            needed.append("JOUD_THAWANI_WEBHOOK_SECRET")
        for name in needed:
            if not s.get(name):
                problems.append(f"{name} is not set, and thawani is listed.")
        if signing_key not in ("webhook_secret", "secret_key", "either"):
            problems.append(
                "JOUD_THAWANI_SIGNING_KEY must be webhook_secret, secret_key or either."
            )
        if not 60 <= int(s.get("JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS", 600)) <= 900:
            problems.append("JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS must be 60 to 900 seconds.")
        if s.get("JOUD_THAWANI_CLIENT_REFERENCE", "numeric") not in ("numeric", "reference"):
            problems.append("JOUD_THAWANI_CLIENT_REFERENCE must be numeric or reference.")
        if THAWANI_UAT in s.get("JOUD_THAWANI_BASE_URL", ""):
            problems.append("JOUD_THAWANI_BASE_URL is Thawani's UAT sandbox: set the live URL.")
    if "stripe" in providers:
        for name in ("JOUD_STRIPE_SECRET_KEY", "JOUD_STRIPE_WEBHOOK_SECRET"):
            if not s.get(name):
                problems.append(f"{name} is not set, and stripe is listed.")
    return problems


def _messaging_problems(s: Mapping) -> list[str]:
    problems = []
    email_url = s.get("EMAIL_URL", "")
    if not email_url:
        problems.append("EMAIL_URL is not set: e.g. smtp+tls://user:password@smtp.example.om:587.")
    elif (s.get("MAILERS") or {}).get("smtp", {}).get("BACKEND") != SMTP_BACKEND:
        problems.append("EMAIL_URL is not an SMTP URL (smtp://, smtp+tls:// or smtp+ssl://).")
    if not s.get("DEFAULT_FROM_EMAIL"):
        problems.append("DJANGO_DEFAULT_FROM_EMAIL is not set: e.g. Joud <no-reply@joud.om>.")
    if s.get("JOUD_EMAIL_BACKEND") in ("", OUTBOX_BACKEND):
        problems.append(
            "JOUD_EMAIL_BACKEND is the demo outbox: leave it unset for SMTP "
            "(joud.core.messaging.SmtpEmailBackend)."
        )
    return problems + _sms_problems(s)


def _sms_problems(s: Mapping) -> list[str]:
    backend = s.get("JOUD_SMS_BACKEND", "")
    if backend in ("", "outbox", OUTBOX_BACKEND):
        return [
            "JOUD_SMS_BACKEND names no SMS gateway (the demo outbox is not one): set twilio, "
            "http, or the dotted path of the gateway's backend class."
        ]
    problems = []
    if backend in ("twilio", TWILIO_BACKEND):
        for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"):
            if not s.get(name):
                problems.append(f"{name} is not set, and JOUD_SMS_BACKEND is twilio.")
        if not (s.get("TWILIO_FROM") or s.get("TWILIO_MESSAGING_SERVICE_SID")):
            problems.append(
                "TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is not set, and JOUD_SMS_BACKEND "
                "is twilio: messages need a sender."
            )
    if backend in ("http", HTTP_SMS_BACKEND):
        url = urlsplit(s.get("JOUD_SMS_HTTP_URL", ""))
        if url.scheme != "https" or not url.hostname:
            problems.append(
                "JOUD_SMS_HTTP_URL is not an https:// address, and JOUD_SMS_BACKEND is http."
            )
        template = s.get("JOUD_SMS_HTTP_BODY_TEMPLATE", "")
        if "{to}" not in template or "{body}" not in template:
            problems.append("JOUD_SMS_HTTP_BODY_TEMPLATE needs both {to} and {body}.")
        carried = (template + "&" + url.query).lower()  # some gateways take them as fields
        if not s.get("JOUD_SMS_HTTP_AUTH_HEADER") and not any(
            word in carried for word in ("password", "apikey", "api_key", "token")
        ):
            problems.append(
                "JOUD_SMS_HTTP_AUTH_HEADER is not set, and JOUD_SMS_BACKEND is http: the "
                'gateway\'s credentials go there ("Authorization: Bearer ...") or in the '
                "template's fields."
            )
        secret = s.get("JOUD_SMS_HTTP_CALLBACK_SECRET", "")
        if secret and len(secret) < MIN_KEY_LENGTH:
            problems.append(
                f"JOUD_SMS_HTTP_CALLBACK_SECRET is shorter than {MIN_KEY_LENGTH} characters."
            )
    return problems


def _storage_problems(s: Mapping) -> list[str]:
    """Uploads on S3 (``settings.storage``): both buckets, where they are, and whole credentials."""
    kind = s.get("JOUD_STORAGE", "local")
    if kind not in ("local", "s3"):
        return ["JOUD_STORAGE is neither local nor s3."]
    if kind != "s3":
        return []
    storages = s.get("STORAGES") or {}
    media = storages.get("default", {}).get("OPTIONS", {})
    private = storages.get("documents", {}).get("OPTIONS", {})
    problems = []
    if not media.get("bucket_name"):
        problems.append("AWS_STORAGE_BUCKET_NAME is not set, and JOUD_STORAGE is s3.")
    if not private.get("bucket_name"):
        problems.append(
            "JOUD_DOCUMENTS_BUCKET_NAME is not set, and JOUD_STORAGE is s3: case documents need "
            "their own private bucket."
        )
    elif private["bucket_name"] == media.get("bucket_name"):
        problems.append(
            "JOUD_DOCUMENTS_BUCKET_NAME is the public media bucket: give case documents their "
            "own private bucket."
        )
    endpoint = media.get("endpoint_url") or ""
    if not media.get("region_name") and not endpoint:
        problems.append("AWS_S3_REGION_NAME (or AWS_S3_ENDPOINT_URL) is not set, and s3 is chosen.")
    elif endpoint and urlsplit(endpoint).scheme != "https":
        problems.append("AWS_S3_ENDPOINT_URL is not an https:// address.")
    if bool(media.get("access_key")) != bool(media.get("secret_key")):
        problems.append(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: set both, or neither to use the "
            "host's role."
        )
    return problems


def unsafe_production_settings(s: Mapping, *, demo_secret: str, demo_field_key: str) -> list[str]:
    """Every reason the namespace ``s`` is not safe to serve the public with, one line each."""
    problems = []
    if s.get("DEBUG"):
        problems.append("DJANGO_DEBUG is on: error pages would show settings and code to anyone.")
    problems += _secret_problems(s, demo_secret)
    if s.get("JOUD_SHOW_OUTBOX"):
        problems.append(
            "JOUD_SHOW_OUTBOX is on: the developer outbox shows every sign-in code sent. Turn it off."
        )
    problems += _key_problems(s, demo_field_key, demo_secret)
    problems += _payment_problems(s)
    site_url = s.get("SITE_URL", "")
    if not site_url:
        problems.append("JOUD_SITE_URL is not set: the public https:// address of the platform.")
    elif urlsplit(site_url).scheme != "https" or not urlsplit(site_url).hostname:
        problems.append("JOUD_SITE_URL is not an https:// address.")
    if not s.get("JOUD_HTTPS", True):
        problems.append("JOUD_HTTPS is off: cookies would travel without TLS.")
    problems += _messaging_problems(s)
    problems += _storage_problems(s)
    problems += region_problems(s)
    problems += period_problems(s)
    problems += csp_problems(s)
    if not s.get("REDIS_URL"):
        problems.append(
            "REDIS_URL is not set: every process and node needs the shared cache "
            "(sign-in rate limits count across them), e.g. redis://127.0.0.1:6379/0."
        )
    return problems


def loopback_problems(allowed_hosts: Sequence[str], site_url: str, bind: str) -> list[str]:
    """The loopback profile keeps demo conveniences, so it may only ever serve this machine."""
    problems = []
    if not allowed_hosts or set(allowed_hosts) - LOOPBACK_HOSTS:
        problems.append("DJANGO_ALLOWED_HOSTS may only name 127.0.0.1, localhost or [::1].")
    if urlsplit(site_url).hostname not in {h.strip("[]") for h in LOOPBACK_HOSTS}:
        problems.append("JOUD_SITE_URL must be a loopback address (http://127.0.0.1:<port>).")
    if bind and bind.rpartition(":")[0] not in LOOPBACK_HOSTS:
        problems.append("JOUD_BIND must be a loopback address (127.0.0.1:<port>).")
    return problems


def refuse(profile: str, problems: list[str], *, hint: str) -> None:
    if problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        raise ImproperlyConfigured(
            f"Joud refuses to start with the {profile} settings:\n{lines}\n{hint}"
        )
