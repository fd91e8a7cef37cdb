"""The breach register, for the platform and each association."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Breach(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Being handled")
        NOTIFIED = "notified", _("Authority and people notified")
        CLOSED = "closed", _("Closed")

    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for the platform itself."),
    )
    title = models.CharField(_("what happened"), max_length=200)
    description = models.TextField(_("details"))
    data_affected = models.TextField(_("data affected"))
    people_affected = models.PositiveIntegerField(_("people affected"))
    measures = models.TextField(_("measures taken"), blank=True)
    discovered_at = models.DateTimeField(_("discovered"))
    authority_due_at = models.DateTimeField(_("authority to be told by"))
    authority_notified_at = models.DateTimeField(_("authority told"), null=True, blank=True)
    people_notified_at = models.DateTimeField(_("people told"), null=True, blank=True)
    people_notified = models.PositiveIntegerField(_("messages sent"), default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    is_drill = models.BooleanField(_("drill"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-discovered_at", "-id"]
        verbose_name = _("breach")
        verbose_name_plural = _("breaches")

    def __str__(self) -> str:
        return self.title
