"""The register of processing: for each activity, what data, why, on which legal basis, for how
long and who receives it. The privacy notice is generated from it, in Arabic and English."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    """The grounds the Personal Data Protection Law (Royal Decree 6/2022) allows."""

    CONSENT = "consent", _("The person's explicit consent")
    CONTRACT = "contract", _("A contract the person is party to")
    LEGAL_OBLIGATION = "legal", _("A legal obligation")
    VITAL_INTEREST = "vital", _("The person's vital interest")
    OVERSIGHT = "oversight", _("The ministry's oversight under the law")


class Bilingual(models.Model):
    """Rows written in both languages; ``text(field)`` reads the one of the active language."""

    class Meta:
        abstract = True

    def text(self, field: str) -> str:
        language = (get_language() or "ar")[:2]
        own = getattr(self, f"{field}_{'en' if language == 'en' else 'ar'}", "")
        return own or getattr(self, f"{field}_ar", "")


class ProcessingActivity(Bilingual):
    purpose = models.ForeignKey(
        "privacy.Purpose", on_delete=models.PROTECT, related_name="activities"
    )
    position = models.PositiveSmallIntegerField(default=0)
    data_ar = models.TextField(_("data (Arabic)"))
    data_en = models.TextField(_("data (English)"))
    legal_basis = models.CharField(_("legal basis"), max_length=10, choices=LegalBasis.choices)
    retention_ar = models.CharField(_("kept for (Arabic)"), max_length=300)
    retention_en = models.CharField(_("kept for (English)"), max_length=300)
    recipients_ar = models.CharField(_("recipients (Arabic)"), max_length=300)
    recipients_en = models.CharField(_("recipients (English)"), max_length=300)
    sensitive = models.BooleanField(_("holds sensitive data"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("processing activity")
        verbose_name_plural = _("register of processing")

    def __str__(self) -> str:
        return f"{self.purpose.code}: {self.data_en[:40]}"
