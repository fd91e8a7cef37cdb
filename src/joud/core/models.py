"""Base models and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditLogEntry(models.Model):
    """One state change: a dotted action name (``joud.campaign.approved``), who, when, what.

    Rows are only ever inserted (see ``joud.core.audit.audit_log``); ``save`` refuses updates.
    """

    action = models.CharField(_("action"), max_length=120)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # a partial index below: a webhook's row has no actor
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        # Every index here is written by every confirmation on a donation night: plain b-trees
        # only (Django's extra ``*_like`` pattern indexes serve no query), and none for the
        # empty actor of a webhook's row.
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The ministry's audit page filters by action prefix ("joud.campaign."): a pattern
            # b-tree serves both that LIKE and equality, one index instead of Django's two.
            models.Index(
                fields=["action"], name="core_audit_action", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(
                fields=["actor"], name="core_audit_actor", condition=models.Q(actor__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("audit log entries are append-only")
        super().save(*args, **kwargs)


class PeriodicJobRun(models.Model):
    """One slot of a periodic job, claimed once: several schedulers never run a slot twice."""

    job = models.CharField(max_length=120)
    slot = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="uniq_periodic_slot")]
        ordering = ["-slot"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class OutboxMessage(models.Model):
    """A message the demo/test backends 'sent' (SMS or email): shown on the developer outbox page."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("Email")
        WHATSAPP = "whatsapp", _("WhatsApp")

    channel = models.CharField(max_length=12, choices=Channel.choices)
    to = models.CharField(_("to"), max_length=254, db_index=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))
    html_body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to}"


class MessageDelivery(models.Model):
    """One SMS or email handed to a sender, and what became of it: never lost silently.

    The address is kept masked and the text not at all (a sign-in code must not outlive its
    message); the task that sends or retries carries the text. A provider's status reports
    (Twilio's callback, an aggregator's) move ``status`` forward, never back.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        UNDELIVERED = "undelivered", _("Undelivered")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=12, choices=OutboxMessage.Channel.choices)
    to = models.CharField(_("to"), max_length=254, help_text=_("Masked."))
    purpose = models.CharField(_("purpose"), max_length=120, blank=True)
    provider = models.CharField(_("provider"), max_length=40, blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message delivery")
        verbose_name_plural = _("message deliveries")
        indexes = [
            # A provider's status report finds its message by the provider's id.
            models.Index(
                fields=["provider", "provider_message_id"],
                name="core_delivery_provider_id",
                condition=~models.Q(provider_message_id=""),
            ),
            # Operators (and /readyz-style checks) look for the failed ones.
            models.Index(
                fields=["status", "created_at"],
                name="core_delivery_failed",
                condition=models.Q(status__in=["failed", "undelivered"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to}: {self.status}"


class HijriMonthStart(models.Model):
    """The first day of a Hijri month as Oman's moon-sighting committee (Ministry of Endowments
    and Religious Affairs) announces it: an expected date published ahead, confirmed on the night
    the crescent is sought. A month without a row follows the Umm al-Qura forecast.

    Written only by ``joud.core.hijri.hijri_month_start_announce`` (audited); read through the
    cached ``joud.core.hijri.month_starts``."""

    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"))
    hijri_month = models.PositiveSmallIntegerField(_("Hijri month"))
    expected_on = models.DateField(_("expected first day"))
    confirmed_on = models.DateField(_("confirmed first day"), null=True, blank=True)
    note = models.CharField(_("source"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["hijri_year", "hijri_month"]
        verbose_name = _("Hijri month start")
        verbose_name_plural = _("Hijri month starts")
        constraints = [
            models.UniqueConstraint(
                fields=["hijri_year", "hijri_month"], name="core_hijri_month_start_once"
            ),
            models.CheckConstraint(
                condition=models.Q(hijri_month__gte=1, hijri_month__lte=12),
                name="core_hijri_month_1_to_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hijri_year}-{self.hijri_month:02d}: {self.starts_on}"

    @property
    def starts_on(self):
        return self.confirmed_on or self.expected_on

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_on is not None
