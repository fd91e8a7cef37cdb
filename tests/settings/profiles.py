"""Starting a settings profile in a child process, with a chosen environment only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]
DEMO_FIELD_KEY = "demo-only-field-key-do-not-use-in-production"
DEMO_SECRET_KEY = "joud-insecure-development-key-change-me-in-production-0123456789"
SECRET_KEY = "p" * 20 + "-production-test-secret-key-" + "q" * 30
# What an operator sets for production: every variable the refusal asks for, none a demo value.
COMPLETE = {
    "DJANGO_SETTINGS_MODULE": "joud.settings.production",
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "joud.example.om",
    "JOUD_SITE_URL": "https://joud.example.om",
    "JOUD_FIELD_KEYS": Fernet.generate_key().decode(),
    "JOUD_BLIND_INDEX_KEY": "blind-index-secret-for-the-production-test-0123456789",
    "JOUD_PAYMENT_PROVIDERS": "thawani",
    "JOUD_THAWANI_SECRET_KEY": "thawani-live-secret",
    "JOUD_THAWANI_PUBLISHABLE_KEY": "thawani-live-publishable",
    "JOUD_THAWANI_WEBHOOK_SECRET": "thawani-live-webhook-secret",
    "JOUD_THAWANI_BASE_URL": "https://checkout.thawani.om",
    "EMAIL_URL": "smtp+tls://joud:mail-password@smtp.example.om:587",
    "DJANGO_DEFAULT_FROM_EMAIL": "Joud <no-reply@joud.example.om>",
    # Settings name the gateway's class and never import it: the first SMS does.
    "JOUD_SMS_BACKEND": "oman_sms_gateway.backend.SmsBackend",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
_OWN = ("DJANGO_", "JOUD_", "EMAIL_URL", "REDIS_URL")


def run(args: list[str], env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """``python <args>`` from the repository with ``env`` over a clean one (None: unset)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_OWN)}
    clean["PYTHONPATH"] = str(REPO / "src")
    for name, value in env.items():
        if value is None:
            clean.pop(name, None)
        else:
            clean[name] = value
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=clean, capture_output=True, text=True, timeout=120
    )


def production(changes: dict[str, str | None]) -> dict[str, str | None]:
    return {**COMPLETE, **changes}
