"""Which payment providers are enabled: ``settings.JOUD_PAYMENT_PROVIDERS`` (identifiers or
dotted class paths), first one is the default."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from joud.payments.base import BasePaymentProvider

PROVIDER_CLASSES = {
    "sandbox": "joud.payments.providers.sandbox.provider.SandboxProvider",
    "thawani": "joud.payments.providers.thawani.provider.ThawaniProvider",
    "stripe": "joud.payments.providers.stripe_checkout.provider.StripeProvider",
}


# Per process, safely: one adapter per gateway, built from settings that only a restart changes;
# adapters keep no state between requests (credentials and base URL only).
@cache
def _load(name: str) -> BasePaymentProvider:
    cls = import_string(PROVIDER_CLASSES.get(name, name))
    return cls()


def enabled_providers() -> list[BasePaymentProvider]:
    return [_load(name) for name in settings.JOUD_PAYMENT_PROVIDERS]


def get_provider(identifier: str) -> BasePaymentProvider | None:
    for provider in enabled_providers():
        if provider.identifier == identifier:
            return provider
    return None


def default_provider() -> BasePaymentProvider:
    return enabled_providers()[0]
