"""Endowments (waqf): a waqf institution's endowment, the donors' shares in its principal, and
the returns it earns. The money itself lives in the ledger: the principal account (kept for
ever) and the returns account (paid only to the deed's purposes, through disbursements)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.core.i18n import localized
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.tenancy import OrganizationOwnedModel

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


def new_share_code() -> str:
    """A share certificate's printed code: WQ- and ten characters (not guessable)."""
    return "WQ-" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))


class Waqf(OrganizationOwnedModel, TimeStampedModel):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="waqfs"
    )
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    purpose_ar = models.TextField(_("purpose (Arabic)"))
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    deed_ar = models.TextField(_("deed (Arabic)"))
    deed_en = models.TextField(_("deed (English)"), blank=True)
    # The disbursement purposes (joud.disbursements.purposes.Purpose) its returns may pay.
    purposes = models.JSONField(_("purposes its returns pay for"), default=list)
    principal_account = models.OneToOneField(
        "ledger.Account", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    income_account = models.OneToOneField(
        "ledger.Account", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    is_open = models.BooleanField(_("open to new shares"), default=True)

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("endowment (waqf)")
        verbose_name_plural = _("endowments (waqf)")

    def __str__(self) -> str:
        return self.name_ar

    @property
    def name(self) -> str:
        return localized(self.name_ar, self.name_en)

    @property
    def purpose(self) -> str:
        return localized(self.purpose_ar, self.purpose_en)

    @property
    def deed(self) -> str:
        return localized(self.deed_ar, self.deed_en)


class WaqfShare(OrganizationOwnedModel):
    """A donor's share in a waqf's principal: one per gift, certified once the gift is paid."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    waqf = models.ForeignKey(Waqf, on_delete=models.PROTECT, related_name="shares")
    donation = models.OneToOneField(
        "donations.Donation", on_delete=models.PROTECT, related_name="waqf_share"
    )
    code = models.CharField(
        _("certificate code"), max_length=16, unique=True, default=new_share_code
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("waqf share")
        verbose_name_plural = _("waqf shares")

    def __str__(self) -> str:
        return self.code


class WaqfReturn(OrganizationOwnedModel):
    """A return the waqf earned (investment income, rent), booked into its returns account."""

    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Investment income")
        RENT = "rent", _("Rent")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    waqf = models.ForeignKey(Waqf, on_delete=models.PROTECT, related_name="returns")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    amount = MoneyField(_("amount"))
    received_on = models.DateField(_("received on"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    posting = models.OneToOneField(
        "ledger.Transaction", on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("waqf return")
        verbose_name_plural = _("waqf returns")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="waqf_return_positive")
        ]

    def __str__(self) -> str:
        return f"{self.waqf_id} {self.kind} {self.amount}"
