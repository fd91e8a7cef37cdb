"""Test settings: PostgreSQL (DATABASE_URL, default the local server), fast hashing, no network."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/joud")

from joud.settings.base import *  # noqa: F403
from joud.settings.base import BASE_DIR, DATABASES, env
from joud.settings.base import TASKS as BASE_TASKS

JOUD_PROFILE = "test"
DATABASES["default"] = env.db_url("DATABASE_URL")
DEBUG = False
STATIC_ROOT = BASE_DIR / "var" / "test-static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "documents": {"BACKEND": "joud.core.private_storage.PrivateInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": BASE_TASKS["default"]["QUEUES"],
    }
}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/10m/ip,5/5m/key",
    "request_login_code": "5/m/ip,3/m/key",
    "signup": "200/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
