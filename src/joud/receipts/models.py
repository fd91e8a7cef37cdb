"""Receipts: gap-free numbers per organization, assigned in confirmation order, off the hot path.

Numbers are NOT taken when a payment is confirmed (that would serialise every donor of a hot
initiative behind one counter row). The receipts job numbers newly confirmed donations every few
seconds in confirmation order, and a receipt asked for before that is numbered on the spot; both
lock the organization's ``ReceiptCounter`` row, which only they touch.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.core.tenancy import OrganizationOwnedModel


def new_verification_token() -> str:
    return secrets.token_urlsafe(16)


class ReceiptCounter(models.Model):
    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.organization_id}: {self.last_number}"


class Receipt(OrganizationOwnedModel):
    class Kind(models.TextChoices):
        DONATION = "donation", _("Donation receipt")
        CANCELLATION = "cancellation", _("Cancellation receipt")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="receipts"
    )
    number = models.PositiveIntegerField(_("receipt number"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    donation = models.ForeignKey(
        "donations.Donation", on_delete=models.PROTECT, related_name="receipts"
    )
    refund = models.OneToOneField(
        "donations.Refund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receipt",
    )
    token = models.CharField(max_length=32, unique=True, default=new_verification_token)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        ordering = ["organization", "number"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="uniq_receipt_number"),
            models.UniqueConstraint(
                fields=["donation"],
                condition=models.Q(kind="donation"),
                name="uniq_donation_receipt",
            ),
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return f"{self.organization_id:03d}-{self.number:07d}"
