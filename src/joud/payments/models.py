"""Webhook events as received (exactly-once bookkeeping) and the sandbox gateway's own records."""

from __future__ import annotations

from django.db import models
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.money import MoneyField


class WebhookEvent(models.Model):
    """One verified event from a provider. ``(provider, event_id)`` is unique: a replay of the
    same event is recognised and never applied twice. Only events with a valid signature are
    stored (a forged request must not be able to reserve an event id).

    The webhook only accepts an event (``processed_at`` empty, with what the gateway said); a
    consumer applies accepted events in batches and sets ``processed_at`` and ``result`` in the
    same transaction (``joud.donations.consumer``). An event applied in the request (a poll's
    result) is stored already processed."""

    provider = models.CharField(max_length=24)
    event_id = models.CharField(max_length=120)
    event_type = models.CharField(max_length=60)
    reference = models.CharField(max_length=40)
    body = models.TextField()
    signature_ok = models.BooleanField(default=True)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    # What the gateway said, kept so that the consumer applies the event without the body.
    # Defaults in the database too: the hot paths insert rows by SQL.
    provider_reference = models.CharField(max_length=120, blank=True, db_default="")
    amount = MoneyField(null=True, blank=True)
    currency = models.CharField(max_length=3, db_default="OMR")
    fee = MoneyField(db_default=0)
    # The gateway's other details the decision may need (a refund notice names our refund).
    data = models.JSONField(blank=True, db_default=Value({}, output_field=models.JSONField()))
    # What applying it did (confirm, hold, fail, pend, noop, unknown, ignored, …).
    result = models.CharField(max_length=12, blank=True, db_default="")
    # Failed applications of this event alone (a batch that fails is retried event by event).
    apply_failures = models.PositiveSmallIntegerField(db_default=0)
    apply_error = models.CharField(max_length=200, blank=True, db_default="")

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="uniq_webhook_event")
        ]
        # A plain b-tree (``db_index=True`` would add a ``*_like`` pattern index that no query
        # uses, written by every confirmation).
        indexes = [
            models.Index(fields=["reference"], name="payments_event_reference"),
            # The consumer's queue: only the events still waiting, so it stays small.
            models.Index(
                fields=["id"],
                name="payments_event_waiting",
                condition=models.Q(processed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id}"


class SandboxCharge(models.Model):
    """The sandbox gateway's side of a payment (what a real gateway keeps on its servers)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the payer")
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    session_id = models.CharField(max_length=40, unique=True)
    reference = models.CharField(max_length=40, unique=True)  # our attempt reference
    amount = MoneyField()
    currency = models.CharField(max_length=3, default="OMR")
    fee = MoneyField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    return_url = models.CharField(max_length=300)
    refunded = MoneyField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.session_id
