"""Signed tokens: the site code of a shift, a volunteer's personal code, the guardian's consent
link, and the certificate verification token. All are HMACs keyed by SECRET_KEY with a salt per
purpose, so a token made for one purpose is refused for another.
"""

from __future__ import annotations

import base64
import hmac
import json
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import salted_hmac

SITE_SALT = "joud.volunteering.site-code"
PERSON_SALT = "joud.volunteering.person-code"
CONSENT_SALT = "joud.volunteering.guardian-consent"
CERTIFICATE_SALT = "joud.volunteering.certificate"
CONSENT_MAX_AGE = 14 * 24 * 3600


def site_token(shift) -> str:
    return signing.dumps([shift.pk, shift.site_nonce], salt=SITE_SALT)


def read_site_token(token: str) -> tuple[int, str] | None:
    try:
        shift_id, nonce = signing.loads(token, salt=SITE_SALT)
        return int(shift_id), str(nonce)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def person_token(user) -> str:
    return signing.dumps(user.pk, salt=PERSON_SALT)


def read_person_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=PERSON_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def consent_token(application) -> str:
    return signing.dumps(application.pk, salt=CONSENT_SALT)


def read_consent_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE))
    except (signing.BadSignature, ValueError, TypeError):
        return None


# Certificates ------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical(content: dict) -> bytes:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def certificate_signature(content: dict) -> str:
    return _b64(salted_hmac(CERTIFICATE_SALT, canonical(content), algorithm="sha256").digest())


def certificate_token(content: dict, signature: str) -> str:
    return f"{_b64(canonical(content))}.{signature}"


@dataclass(frozen=True)
class ParsedCertificateToken:
    content: dict
    signature: str

    @property
    def signature_valid(self) -> bool:
        return hmac.compare_digest(self.signature, certificate_signature(self.content))


def parse_certificate_token(token: str) -> ParsedCertificateToken | None:
    try:
        body, signature = token.rsplit(".", 1)
        content = json.loads(_unb64(body).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(content, dict) or not isinstance(content.get("code"), str):
        return None
    return ParsedCertificateToken(content=content, signature=signature)
