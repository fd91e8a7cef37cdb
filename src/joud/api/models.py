"""The API's own rows: tokens (stored hashed), the answers kept for Idempotency-Key replays,
webhook endpoints with their delivery log, and the fan-out's place in the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.models import TimeStampedModel
from joud.core.tenancy import OrganizationOwnedModel


class ApiToken(OrganizationOwnedModel, TimeStampedModel):
    """A token of one organization. Only its SHA-256 is kept: the token is shown once."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, db_index=True)  # shown in the list, not secret
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)  # ["donations:read", ...]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class IdempotentRequest(OrganizationOwnedModel):
    """The answer to a write, kept a day under its Idempotency-Key: the same key again gets the
    same answer and the write happens once."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)  # method, path and body of the first request
    status = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_token_key")
        ]


class WebhookEndpoint(OrganizationOwnedModel, TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("address"), max_length=300)
    secret = models.TextField()  # encrypted (joud.core.crypto): it signs every delivery
    events = models.JSONField(_("events"), default=list)
    is_active = models.BooleanField(_("active"), default=True)
    failures = models.PositiveIntegerField(default=0)  # deliveries given up in a row
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(OrganizationOwnedModel, TimeStampedModel):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        RETRYING = "retrying", _("Retrying")
        FAILED = "failed", _("Gave up")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="log")
    event = models.CharField(_("event"), max_length=40)
    event_id = models.CharField(max_length=40)  # the same on every attempt and on a replay
    source_id = models.BigIntegerField(null=True)  # the audit entry the event came from
    payload = models.JSONField(default=dict)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    request_headers = models.JSONField(default=dict)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "source_id"],
                condition=models.Q(source_id__isnull=False),
                name="api_webhook_one_per_event",
            )
        ]


class WebhookCursor(models.Model):
    """How far the fan-out has read the audit log (one row)."""

    last_entry_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"audit log read up to {self.last_entry_id}"


class ImportBatch(OrganizationOwnedModel, TimeStampedModel):
    """One uploaded list: previewed (nothing saved), then committed all at once, and undone
    within a day if it was a mistake. The rows wait encrypted, and are wiped once used."""

    class Kind(models.TextChoices):
        BENEFICIARIES = "beneficiaries", _("Beneficiaries")
        DONORS = "donors", _("Donors' offline gifts (cash, bank transfer)")
        VOLUNTEERS = "volunteers", _("Volunteers")

    class State(models.TextChoices):
        PREVIEW = "preview", _("Previewed, nothing saved")
        COMMITTED = "committed", _("Saved")
        UNDONE = "undone", _("Undone")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PREVIEW
    )
    file_name = models.CharField(_("file"), max_length=200)
    rows = models.TextField(blank=True)  # encrypted JSON of the parsed rows, until used
    report = models.JSONField(default=list)  # per row: line, error, matches (no personal data)
    created_ids = models.JSONField(default=list)  # the rows made: cases, gifts or volunteers
    # The duplicate alerts the commit raised on its cases: undo may remove these and no other.
    alert_ids = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    committed_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def rejected(self) -> list[dict]:
        return [row for row in self.report if row.get("error")]


class MinistryToken(TimeStampedModel):
    """A token of the ministry, issued by a ministry officer on the ministry's own screen (never
    by an organization). It acts for the officer who issued it: its decisions are theirs,
    through the ministry's services, and it stops working once they are no longer a reviewer.
    Only its SHA-256 is kept: the token is shown once."""

    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)  # ["licences:read", ...]
    # The officer it acts for; a token whose officer's account is gone opens nothing.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ministry API token")
        verbose_name_plural = _("ministry API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class MinistryIdempotentRequest(models.Model):
    """A ministry token's write answer kept a day under its Idempotency-Key (as
    ``IdempotentRequest`` is for an organization's token)."""

    token = models.ForeignKey(MinistryToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=0)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_ministry_idem_token_key")
        ]

    def __str__(self) -> str:
        return self.key
