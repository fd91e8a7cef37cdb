"""People's rights requests, each with its deadline and answer, and the retention jobs' runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RightsRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "access", _("See my data")
        EXPORT = "export", _("Download my data")
        RECTIFY = "rectify", _("Correct my data")
        ERASE = "erase", _("Erase my data")
        OBJECT = "object", _("Object to a use of my data")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("request"), max_length=8, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rights_requests",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case_reference = models.CharField(_("case"), max_length=12, blank=True)
    details = models.TextField(_("details"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_at = models.DateTimeField(_("answer due"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    # What was done: per kind of data, removed / pseudonymised / kept and why.
    outcome = models.JSONField(default=list, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")

    def __str__(self) -> str:
        return f"{self.kind} {self.received_at:%Y-%m-%d}"

    @property
    def overdue(self) -> bool:
        return self.status == self.Status.OPEN and timezone.now() > self.due_at


class RetentionRun(models.Model):
    """What one run of a retention job did: how many rows it deleted or pseudonymised."""

    rule = models.CharField(_("kind of data"), max_length=40, db_index=True)
    ran_at = models.DateTimeField(_("ran at"), auto_now_add=True)
    cutoff = models.DateTimeField(_("older than"))
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    pseudonymised = models.PositiveIntegerField(_("pseudonymised"), default=0)

    class Meta:
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule} {self.ran_at:%Y-%m-%d}"
