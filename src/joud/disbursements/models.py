"""Disbursements: money paid out of one of an organization's funds, requested by its finance
staff, approved by a second member (and by the ministry above a threshold), then booked in the
ledger, paid by bank transfer and, if the transfer bounces, reversed by a new ledger entry.

A beneficiary paid through a disbursement is never named publicly: the public reads only the
payee's kind (``selectors.public_disbursements``). Evidence files are kept encrypted in the
private ``documents`` storage, each marked public or private.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.private_storage import private_storage
from joud.core.tenancy import OrganizationOwnedModel
from joud.disbursements.purposes import Purpose, ledger_purpose

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    return "DSB-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(7))


class Disbursement(OrganizationOwnedModel, TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting a second approval")
        MINISTRY = "ministry", _("Awaiting the ministry's approval")
        POSTED = "posted", _("Approved, to be paid")
        PAID = "paid", _("Paid")
        BOUNCED = "bounced", _("Transfer bounced, money returned to the fund")
        REJECTED = "rejected", _("Rejected")

    class PayeeKind(models.TextChoices):
        SUPPLIER = "supplier", _("A supplier")
        BENEFICIARY = "beneficiary", _("A verified beneficiary")
        CREDITOR = "creditor", _("A creditor or court (debt relief)")
        OWN_ACCOUNT = "own_account", _("The organization's own account (running costs)")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="disbursements"
    )
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    source = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, related_name="+", verbose_name=_("from fund")
    )
    initiative = models.ForeignKey(
        "campaigns.Initiative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disbursements",
        verbose_name=_("for the initiative"),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    amount = MoneyField(_("amount"))
    payee_kind = models.CharField(_("paid to"), max_length=12, choices=PayeeKind.choices)
    # Private: never shown publicly (a beneficiary's name, a supplier's bank details).
    payee_name = models.CharField(_("payee name (account holder)"), max_length=200)
    commercial_registration = models.CharField(
        _("commercial registration number"), max_length=20, blank=True
    )
    case = models.ForeignKey(
        "beneficiaries.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified case"),
    )
    bank_account = models.CharField(_("bank account (IBAN)"), max_length=34)
    planned_on = models.DateField(_("planned payment date"))
    details = models.CharField(_("details (for the team)"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ministry_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(_("booked"), null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)
    # The ledger's postings: the payment out, and the reversal of a bounced transfer.
    posting = models.ForeignKey(
        "ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reversal = models.ForeignKey(
        "ledger.Transaction", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)  # of a rejection or a bounce

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="disbursement_positive")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def ledger_purpose(self) -> str:
        return ledger_purpose(self.purpose)


def evidence_path(instance, filename: str) -> str:
    """Private, like case documents: a random name (``joud.core.uploads``), never public."""
    return f"private/disbursements/{instance.organization_id}/{filename}"


class Evidence(OrganizationOwnedModel, TimeStampedModel):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        QUOTATION = "quotation", _("Quotation")
        DELIVERY = "delivery", _("Delivery photo")
        OTHER = "other", _("Other document")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    disbursement = models.ForeignKey(
        Disbursement, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("document"), max_length=12, choices=Kind.choices)
    is_public = models.BooleanField(_("shown to the public"), default=False)
    file = models.FileField(
        _("file"), upload_to=evidence_path, storage=private_storage, max_length=255
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=40, default="application/octet-stream")
    encrypted = models.BooleanField(default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.disbursement_id} {self.kind}"
