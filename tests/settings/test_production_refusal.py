"""The production profile refuses to start on any demo default, naming each one."""

from __future__ import annotations

import pytest

from tests.settings.profiles import (
    COMPLETE,
    DEMO_FIELD_KEY,
    DEMO_SECRET_KEY,
    SECRET_KEY,
    production,
    run,
)

LOAD = ["-c", "import django; django.setup(); print('started')"]
OUTBOX = "joud.core.messaging.OutboxBackend"

UNSAFE = [
    ({"JOUD_SHOW_OUTBOX": "true"}, "JOUD_SHOW_OUTBOX is on"),
    ({"JOUD_PAYMENT_PROVIDERS": "thawani,sandbox"}, "lists the sandbox gateway"),
    ({"JOUD_PAYMENT_PROVIDERS": None}, "JOUD_PAYMENT_PROVIDERS names no payment gateway"),
    ({"JOUD_THAWANI_BASE_URL": None}, "JOUD_THAWANI_BASE_URL is Thawani's UAT sandbox"),
    ({"JOUD_THAWANI_WEBHOOK_SECRET": None}, "JOUD_THAWANI_WEBHOOK_SECRET is not set"),
    ({"JOUD_THAWANI_SIGNING_KEY": "api_key"}, "JOUD_THAWANI_SIGNING_KEY must be"),
    (
        {"JOUD_THAWANI_SIGNING_KEY": "secret_key", "JOUD_THAWANI_SECRET_KEY": None},
        "JOUD_THAWANI_SECRET_KEY is not set",
    ),
    ({"JOUD_THAWANI_WEBHOOK_TOLERANCE_SECONDS": "86400"}, "must be 60 to 900 seconds"),
    ({"JOUD_THAWANI_CLIENT_REFERENCE": "uuid"}, "JOUD_THAWANI_CLIENT_REFERENCE must be"),
    ({"JOUD_FIELD_KEYS": None}, "JOUD_FIELD_KEYS is not set"),
    ({"JOUD_FIELD_KEYS": DEMO_FIELD_KEY}, "JOUD_FIELD_KEYS holds the demo's encryption key"),
    ({"JOUD_BLIND_INDEX_KEY": None}, "JOUD_BLIND_INDEX_KEY is not set"),
    ({"JOUD_BLIND_INDEX_KEY": SECRET_KEY}, "JOUD_BLIND_INDEX_KEY equals DJANGO_SECRET_KEY"),
    ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG is on"),
    ({"DJANGO_SECRET_KEY": DEMO_SECRET_KEY}, "DJANGO_SECRET_KEY is the demo's key"),
    ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY is not set"),
    ({"JOUD_SITE_URL": None}, "JOUD_SITE_URL is not set"),
    ({"JOUD_SITE_URL": "http://joud.example.om"}, "JOUD_SITE_URL is not an https:// address"),
    ({"JOUD_HTTPS": "false"}, "JOUD_HTTPS is off"),
    ({"EMAIL_URL": None}, "EMAIL_URL is not set"),
    ({"EMAIL_URL": "consolemail://"}, "EMAIL_URL is not an SMTP URL"),
    ({"DJANGO_DEFAULT_FROM_EMAIL": None}, "DJANGO_DEFAULT_FROM_EMAIL is not set"),
    ({"JOUD_EMAIL_BACKEND": OUTBOX}, "JOUD_EMAIL_BACKEND is the demo outbox"),
    ({"JOUD_SMS_BACKEND": None}, "JOUD_SMS_BACKEND names no SMS gateway"),
    ({"JOUD_SMS_BACKEND": OUTBOX}, "JOUD_SMS_BACKEND names no SMS gateway"),
    ({"REDIS_URL": None}, "REDIS_URL is not set"),
]


def test_the_complete_configuration_starts():
    result = run(LOAD, production({}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


@pytest.mark.parametrize(("changes", "message"), UNSAFE, ids=[m for _c, m in UNSAFE])
def test_each_unsafe_setting_is_refused_with_its_name(changes, message):
    result = run(LOAD, production(changes))
    assert result.returncode != 0
    assert "Joud refuses to start with the production settings" in result.stderr
    assert message in result.stderr
    assert "started" not in result.stdout


def test_every_problem_is_named_at_once_and_no_secret_is_shown():
    env = production(
        {
            "JOUD_SHOW_OUTBOX": "true",
            "JOUD_PAYMENT_PROVIDERS": "sandbox",
            "JOUD_BLIND_INDEX_KEY": SECRET_KEY,
            "REDIS_URL": None,
        }
    )
    result = run(LOAD, env)
    assert result.returncode != 0
    for message in ("JOUD_SHOW_OUTBOX", "sandbox gateway", "JOUD_BLIND_INDEX_KEY", "REDIS_URL"):
        assert message in result.stderr
    assert SECRET_KEY not in result.stderr
    assert COMPLETE["EMAIL_URL"] not in result.stderr


@pytest.mark.parametrize(
    "entry",
    [
        ["manage.py", "check"],
        ["-c", "import sys; sys.path.insert(0, 'src'); import joud.wsgi"],
    ],
    ids=["manage.py", "wsgi"],
)
def test_manage_and_wsgi_both_default_to_production(entry):
    """With no DJANGO_SETTINGS_MODULE, both entry points choose production, which refuses the demo
    defaults: workers, scheduler and web server never run the demo by omission."""
    result = run(entry, {"DJANGO_SETTINGS_MODULE": None})
    assert result.returncode != 0
    assert "Joud refuses to start with the production settings" in result.stderr
    assert "DJANGO_SETTINGS_MODULE=joud.settings.base" in result.stderr  # how to run the demo


def test_the_complete_configuration_passes_djangos_deployment_checks():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production({}))
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mails_through_smtp_from_email_url():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "o = s.MAILERS['smtp']['OPTIONS']; "
        "print(s.MAILERS['smtp']['BACKEND'], o['host'], o['port'], o['username'], o['use_tls'], "
        "s.JOUD_EMAIL_BACKEND)"
    )
    result = run(["-c", code], production({}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.om",
        "587",
        "joud",
        "True",
        "joud.core.messaging.SmtpEmailBackend",
    ]


def test_production_shares_its_cache_through_redis():
    code = "import django; django.setup(); from django.conf import settings as s; " + (
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"
    )
    result = run(["-c", code], production({}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/0",
    ]


@pytest.mark.parametrize("command", ["migrate", "db_worker", "run_scheduler", "seed_demo"])
def test_commands_that_touch_data_or_run_jobs_default_to_production(command):
    result = run(["manage.py", command, "--help"], {"DJANGO_SETTINGS_MODULE": None})
    assert result.returncode != 0
    assert "Joud refuses to start with the production settings" in result.stderr


def test_checking_migrations_needs_no_configuration():
    """A fresh clone checks its migrations without choosing a profile: makemigrations only reads
    the source tree, so it falls back to the demo settings."""
    result = run(
        ["manage.py", "makemigrations", "--check", "--dry-run"], {"DJANGO_SETTINGS_MODULE": None}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
