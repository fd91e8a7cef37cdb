"""Secrets at rest: Fernet encryption with key rotation, for text fields and files' bytes.

``settings.JOUD_FIELD_KEYS`` lists the keys, newest first: the first encrypts, every one of them
decrypts (``MultiFernet``), so a new key can be put in front and ``manage.py
rotate_beneficiary_keys`` re-encrypts the old rows and the stored documents (case documents,
organizations' registration documents) before the old key is dropped. A key may be a Fernet key
or any long secret (then a Fernet key is derived from it with HKDF).

Used by the beneficiaries' personal identifiers (``joud.beneficiaries.crypto``) and by the
private documents (``joud.core.uploads``).
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def hkdf(secret: bytes, label: bytes) -> bytes:
    """32 bytes derived from ``secret`` for the purpose named by ``label``."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"joud", info=label).derive(secret)


def _fernet_key(key: str) -> bytes:
    try:
        if len(base64.urlsafe_b64decode(key.encode())) == 32:
            return key.encode()
    except (binascii.Error, ValueError):
        pass
    # The label predates this module (it was the beneficiaries'): changing it would make every
    # value encrypted with a derived key unreadable.
    return base64.urlsafe_b64encode(hkdf(key.encode(), b"joud.beneficiaries.field-key"))


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
    """A file's bytes as a Fernet token (documents at rest); same keys as the fields."""
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return fernet().decrypt(token)
    except InvalidToken as exc:
        raise RuntimeError("a document could not be decrypted with any configured key") from exc


def rotate_bytes(token: bytes) -> bytes:
    return fernet().rotate(token)
