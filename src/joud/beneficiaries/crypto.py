"""Personal identifiers at rest: encrypted text fields and a blind index.

The encryption itself (Fernet with ``JOUD_FIELD_KEYS``, newest key first, rotation) is
``joud.core.crypto``, shared with the private documents; its functions are named here too, so
the beneficiaries' code reads ``crypto.encrypt``/``crypto.rotate_token`` from one place.

The blind index (HMAC-SHA256) lets two associations' records match on a civil ID or phone without
anyone storing or seeing the number. Its key is derived from a separate secret
(``JOUD_BLIND_INDEX_KEY`` if set, else the Django secret key) under its own label, so rotating the
encryption keys never changes the index.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from django.conf import settings
from django.db import models

from joud.core.crypto import (
    decrypt,
    decrypt_bytes,
    encrypt,
    encrypt_bytes,
    fernet,
    hkdf,
    rotate_bytes,
    rotate_token,
)

__all__ = [
    "EncryptedTextField",
    "blind_index",
    "decrypt",
    "decrypt_bytes",
    "encrypt",
    "encrypt_bytes",
    "fernet",
    "rotate_bytes",
    "rotate_token",
]


@lru_cache(maxsize=4)  # per process, safely: a pure derivation from the secret it is keyed by
def _index_key(secret: str) -> bytes:
    return hkdf(secret.encode(), b"joud.beneficiaries.blind-index")


def blind_index(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of a normalised identifier, per purpose (civil ID, phone, block key)."""
    if not value:
        return ""
    secret = getattr(settings, "JOUD_BLIND_INDEX_KEY", "") or settings.SECRET_KEY
    mac = hmac.new(_index_key(secret), f"{purpose}:{value}".encode(), hashlib.sha256)
    return mac.hexdigest()[:40]


class EncryptedTextField(models.TextField):
    """Stores Fernet tokens; Python code sees the plain text. Not searchable: use a blind index."""

    def from_db_value(self, value, expression, connection):
        return decrypt(value) if value else value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else value


class SensitiveTextField(EncryptedTextField):
    """Sensitive data (health and the like, under the Personal Data Protection Law): encrypted as
    identifiers are, and marked, so that exports, open data and analytics can leave it out
    (``is_sensitive``) and only the roles in ``access.HEALTH_ROLES`` read it, with a reason."""

    sensitive = True

    def __init__(self, *args, sensitive_kind: str = "health", **kwargs):
        self.sensitive_kind = sensitive_kind
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.sensitive_kind != "health":
            kwargs["sensitive_kind"] = self.sensitive_kind
        return name, path, args, kwargs


def is_sensitive(field) -> bool:
    return bool(getattr(field, "sensitive", False))


def sensitive_fields(model) -> list[str]:
    return [f.name for f in model._meta.get_fields() if is_sensitive(f)]
