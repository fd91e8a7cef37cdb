"""The ministry's own records: warnings, suspensions and reinstatements (its penalty ladder)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sanction(models.Model):
    class Kind(models.TextChoices):
        WARNING = "warning", _("Warning")
        SUSPENSION = "suspension", _("Suspension")
        REINSTATEMENT = "reinstatement", _("Reinstatement")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="sanctions",
        verbose_name=_("organization"),
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative",
        on_delete=models.CASCADE,
        related_name="sanctions",
        null=True,
        blank=True,
        verbose_name=_("initiative"),
    )
    reason = models.TextField(_("reason"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.organization}"
