"""Organizations (associations, volunteer teams, waqf institutions) and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from joud.core.models import TimeStampedModel


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

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "ar").startswith("en") and self.name_en:
            return self.name_en
        return self.name_ar

    @property
    def description(self) -> str:
        if (get_language() or "ar").startswith("en") and self.description_en:
            return self.description_en
        return self.description_ar

    @property
    def is_licensed(self) -> bool:
        return self.status == self.Status.ACTIVE


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
