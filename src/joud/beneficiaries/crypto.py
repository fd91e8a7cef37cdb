"""Personal identifiers at rest: Fernet encryption with key rotation, and a blind index.

``settings.JOUD_FIELD_KEYS`` lists the keys, newest first: the first encrypts, every one of them
decrypts (``MultiFernet``), so a new key can be put in front and ``manage.py
rotate_beneficiary_keys`` re-encrypts the old rows and case documents before the old key is
dropped. Case documents' bytes are encrypted with the same keys (``encrypt_bytes``). A key may be a
Fernet key or any long secret (then a Fernet key is derived from it with HKDF).

The blind index (HMAC-SHA256) lets two associations' records match on a civil ID or phone without
anyone storing or seeing the number. Its key is derived from a separate secret
(``JOUD_BLIND_INDEX_KEY`` if set, else the Django secret key) under its own label, so rotating the
encryption keys never changes the index.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models


def _hkdf(secret: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"joud", info=label).derive(secret)


def _fernet_key(key: str) -> bytes:
    try:
        if len(base64.urlsafe_b64decode(key.encode())) == 32:
            return key.encode()
    except (binascii.Error, ValueError):
        pass
    return base64.urlsafe_b64encode(_hkdf(key.encode(), b"joud.beneficiaries.field-key"))


# Per process, safely: keyed by the keys themselves, so a new key list is a new entry; nothing
# here changes at run time, it only saves re-deriving keys (HKDF) on every field read.
@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise RuntimeError("JOUD_FIELD_KEYS is empty: personal data cannot be stored")
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def fernet() -> MultiFernet:
    return _multifernet(tuple(settings.JOUD_FIELD_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise RuntimeError("personal data could not be decrypted with any configured key") from exc


def rotate_token(token: str) -> str:
    """The same secret, encrypted again with the newest key."""
    return fernet().rotate(token.encode()).decode() if token else ""


def encrypt_bytes(data: bytes) -> bytes:
    """A file's bytes as a Fernet token (case documents at rest); same keys as the fields."""
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise RuntimeError("a document could not be decrypted with any configured key") from exc


def rotate_bytes(token: bytes) -> bytes:
    return fernet().rotate(token)


@lru_cache(maxsize=4)  # per process, safely: a pure derivation from the secret it is keyed by
def _index_key(secret: str) -> bytes:
    return _hkdf(secret.encode(), b"joud.beneficiaries.blind-index")


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
