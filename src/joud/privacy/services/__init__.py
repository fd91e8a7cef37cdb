"""Every write about personal data: consents, rights requests, retention and breaches."""

from joud.privacy.services.consent import (
    consent_active,
    consent_record,
    consent_record_once,
    consent_withdraw,
    current_text,
    gift_consents_record,
)

__all__ = [
    "consent_active",
    "consent_record",
    "consent_record_once",
    "consent_withdraw",
    "current_text",
    "gift_consents_record",
]
