"""The access log of case files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models.cases import Case


class CaseAccessLog(models.Model):
    """Who saw or exported a case's personal data, when, and why. Append-only.

    Not tenancy-scoped on purpose: the ministry reads all of it; an organization's admin reads
    the rows of their organization through ``selectors.access_log_for``.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed the case file")
        EXPORT = "export", _("Exported the case file")
        REVEAL = "reveal", _("Revealed an identifier")
        DUPLICATE_REVIEW = "duplicate", _("Compared in duplicate review")
        DOWNLOAD = "document", _("Downloaded a document")
        HEALTH = "health", _("Read health information")
        HEALTH_WRITE = "health_set", _("Recorded health information")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.case_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("access log entries are append-only")
        super().save(*args, **kwargs)
