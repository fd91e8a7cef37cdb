"""Start-up checks of the gateways' configuration (Django's system checks: ``manage.py check``,
``migrate`` and ``runserver`` stop on an error)."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register

from joud.payments.providers.thawani import signing


@register("payments")
def thawani_signing_key(app_configs=None, **kwargs) -> list[Error]:
    """When Thawani is enabled with a sample delivery from its test environment, the configured
    signing key must verify it: otherwise every webhook would be refused."""
    path = getattr(settings, "JOUD_THAWANI_WEBHOOK_SAMPLE", "")
    if "thawani" not in settings.JOUD_PAYMENT_PROVIDERS or not path:
        return []
    try:
        sample = json.loads(Path(path).read_text(encoding="utf-8"))
        problem = signing.sample_check(sample if isinstance(sample, dict) else {})
    except (OSError, ValueError) as exc:
        problem = f"JOUD_THAWANI_WEBHOOK_SAMPLE cannot be read: {exc.__class__.__name__}."
    if problem is None:
        return []
    return [Error(problem, id="joud.payments.E001")]
