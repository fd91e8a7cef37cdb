"""Organizations (associations, volunteer teams, waqf institutions) and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.i18n import localized
from joud.core.models import TimeStampedModel
from joud.core.private_storage import private_storage
from joud.core.tenancy import OrganizationOwnedModel
from joud.organizations.validators import validate_iban


class Organization(TimeStampedModel):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Charitable association")
        TEAM = "team", _("Volunteer charity team")
        WAQF = "waqf", _("Endowment (waqf) institution")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Awaiting ministry review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        ACTIVE = "active", _("Licensed")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True, allow_unicode=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    licence_number = models.CharField(_("licence number"), max_length=40, blank=True)
    licence_expires_on = models.DateField(_("licence expires on"), null=True, blank=True)
    governorate = models.ForeignKey(
        "geo.Governorate", on_delete=models.PROTECT, verbose_name=_("governorate")
    )
    wilayat = models.ForeignKey(
        "geo.Wilayat", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("wilayat")
    )
    description_ar = models.TextField(_("about (Arabic)"), blank=True)
    description_en = models.TextField(_("about (English)"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Licensing: filled by organizations.services (application) and ministry.services (decisions).
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    iban = models.CharField(
        _("bank account (IBAN)"), max_length=34, blank=True, validators=[validate_iban]
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    answer_due_on = models.DateField(_("ministry answer due"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    status_reason = models.TextField(_("reason for the last decision"), blank=True)
    warning_count = models.PositiveSmallIntegerField(_("warnings"), default=0)
    has_overdue_report = models.BooleanField(_("report overdue"), default=False, db_index=True)

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_ar, self.name_en)

    @property
    def description(self) -> str:
        return localized(self.description_ar, self.description_en)

    @property
    def licence_expired(self) -> bool:
        """The licence's end date has passed (a licence without one has not expired)."""
        return bool(self.licence_expires_on and self.licence_expires_on < timezone.localdate())

    @property
    def is_licensed(self) -> bool:
        """Active and within its licence: an expired licence stops giving as a suspension does
        (every check of ``is_licensed``: the giving pages, new gifts, cases, approvals)."""
        return self.status == self.Status.ACTIVE and not self.licence_expired


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        FINANCE = "finance", _("Finance officer")
        CASEWORKER = "caseworker", _("Caseworker")
        COORDINATOR = "coordinator", _("Volunteer coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="uniq_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"


def _document_path(instance, filename: str) -> str:
    """Private: in the ``documents`` storage, never under a publicly served prefix; the name is
    random (``joud.core.uploads``), the uploader's name is ``original_name``."""
    return f"private/organizations/{instance.organization_id}/{filename}"


class OrganizationDocument(OrganizationOwnedModel, TimeStampedModel):
    """A registration document uploaded with a licence application (seen by the ministry only)."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration certificate")
        BYLAWS = "bylaws", _("Articles or by-laws")
        OTHER = "other", _("Other document")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=16, choices=Kind.choices)
    # Kept in the private ``documents`` storage, encrypted (``joud.core.uploads``); the ministry
    # reads it through its download view only.
    file = models.FileField(
        _("file"), upload_to=_document_path, storage=private_storage, max_length=255
    )
    original_name = models.CharField(max_length=255, blank=True)
    # The type the content was sniffed to be: what the download answers with.
    content_type = models.CharField(
        _("content type"), max_length=40, default="application/octet-stream"
    )
    # False only for documents stored before encryption, until ``move_organization_documents`` runs.
    encrypted = models.BooleanField(_("encrypted"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration document")
        verbose_name_plural = _("registration documents")

    def __str__(self) -> str:
        return self.original_name or self.get_kind_display()


class LicenceReminder(models.Model):
    """A reminder sent to an organization that its licence ends soon: one per licence end date
    and lead time (30 or 7 days), so the periodic job sends each once however often it runs, and
    a renewed licence (a new end date) is reminded afresh."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="licence_reminders"
    )
    expires_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "expires_on", "days_before"],
                name="uniq_licence_reminder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.expires_on} -{self.days_before}"
