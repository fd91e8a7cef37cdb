"""Certificates: one by its code, and the public check of a scanned one."""

from __future__ import annotations

from dataclasses import dataclass

from joud.volunteering import tokens
from joud.volunteering.models import Certificate


@dataclass
class Verification:
    status: str  # genuine | altered | unknown
    certificate: Certificate | None = None


def certificate_verify(token: str) -> Verification:
    parsed = tokens.parse_certificate_token(token or "")
    if parsed is None:
        return Verification("unknown")
    certificate = (
        Certificate.objects.select_related("volunteer", "opportunity")
        .filter(code=parsed.content["code"])
        .first()
    )
    if certificate is None:
        return Verification("unknown")
    if not parsed.signature_valid or parsed.content != certificate.content:
        return Verification("altered", certificate)
    return Verification("genuine", certificate)


def certificate_by_code(code: str) -> Certificate | None:
    """One certificate (ask ``access`` who may see it)."""
    return Certificate.objects.select_related("opportunity__organization").filter(code=code).first()
