"""Personal data as Oman's Personal Data Protection Law requires: consent with proof, the register
of processing and the privacy notice, people's rights, retention, sensitive data, breaches and
where the data lives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "joud.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        from joud.core.notify import register_gate
        from joud.privacy import checks  # noqa: F401  (registers the storage-region check)
        from joud.privacy.services.consent import updates_gate

        # Updates and newsletters leave only with the reader's consent (core.notify).
        register_gate(updates_gate)
