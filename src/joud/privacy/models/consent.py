"""Consent with its proof: the purpose, the exact text agreed to (its version, in the person's
language), when, how, by whom for a minor, and its withdrawal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from joud.core.private_storage import private_storage
from joud.privacy.models.register import Bilingual, LegalBasis


class Purpose(Bilingual):
    """Why personal data is processed. Codes are stable: code refers to them."""

    UPDATES = "updates"
    PUBLIC_NAME = "public_name"
    RECEIPTS = "receipts"
    VOLUNTEERING = "volunteering"
    CASE = "case"
    CASE_SHARING = "case_sharing"

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    legal_basis = models.CharField(_("legal basis"), max_length=10, choices=LegalBasis.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self) -> str:
        return self.text("name")

    @property
    def needs_consent(self) -> bool:
        return self.legal_basis == LegalBasis.CONSENT


class ConsentText(Bilingual):
    """A version of what a person agrees to. Never edited: a new wording is a new version."""

    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="texts")
    version = models.PositiveSmallIntegerField(_("version"))
    body_ar = models.TextField(_("text (Arabic)"))
    body_en = models.TextField(_("text (English)"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["purpose", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "version"], name="uniq_consent_text_version")
        ]

    def __str__(self) -> str:
        return f"{self.purpose.code} v{self.version}"

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_ar

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("a consent text is never edited: publish a new version")
        super().save(*args, **kwargs)


def consent_scan_path(instance, filename: str) -> str:
    return f"private/consents/{filename}"


class Consent(models.Model):
    """One person's consent to one purpose. Who: a user, or a phone/email for a guest, or a
    beneficiary's case at an association. A withdrawal is recorded on the row; giving consent
    again is a new row."""

    class Method(models.TextChoices):
        WEB = "web", _("Web form")
        SMS = "sms", _("Code sent by SMS")
        PAPER = "paper", _("Signed paper, scanned")

    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="consents")
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=2, default="ar")
    # The text as shown, kept whole: the proof does not depend on any other row.
    text_shown = models.TextField(_("text agreed to"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents",
    )
    phone = models.CharField(_("mobile number"), max_length=16, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True, db_index=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A beneficiary's case at ``organization`` (its reference): the person has no account.
    case_reference = models.CharField(_("case"), max_length=12, blank=True, db_index=True)
    method = models.CharField(_("how"), max_length=8, choices=Method.choices)
    evidence = models.CharField(_("proof"), max_length=200, blank=True)
    scan = models.FileField(
        _("scanned paper"), upload_to=consent_scan_path, storage=private_storage, blank=True
    )
    is_minor = models.BooleanField(_("under 18"), default=False)
    guardian_name = models.CharField(_("guardian's name"), max_length=150, blank=True)
    guardian_phone = models.CharField(_("guardian's mobile"), max_length=16, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField(_("given"), db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_method = models.CharField(max_length=8, choices=Method.choices, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_minor=True) | ~Q(guardian_name="") | ~Q(guardian_phone=""),
                name="consent_minor_has_guardian",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose.code} {self.given_at:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
