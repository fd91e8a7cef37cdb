"""Personal data's records: purposes and the register of processing, consents with their proof,
rights requests, retention runs and breaches."""

from joud.privacy.models.breaches import Breach
from joud.privacy.models.consent import Consent, ConsentText, Purpose
from joud.privacy.models.register import LegalBasis, ProcessingActivity
from joud.privacy.models.requests import RetentionRun, RightsRequest

__all__ = [
    "Breach",
    "Consent",
    "ConsentText",
    "LegalBasis",
    "ProcessingActivity",
    "Purpose",
    "RetentionRun",
    "RightsRequest",
]
