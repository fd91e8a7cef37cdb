"""Debt relief: a debtor's case (the person may be held for the debt) whose money goes only to
the creditor or the court, never to the person; it closes with the discharge document."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models.cases import Case, CaseDocument
from joud.core.models import TimeStampedModel
from joud.core.money import MoneyField
from joud.core.tenancy import OrganizationOwnedModel


class Debt(OrganizationOwnedModel, TimeStampedModel):
    class Payee(models.TextChoices):
        CREDITOR = "creditor", _("The creditor")
        COURT = "court", _("The court (execution department)")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+"
    )
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="debt")
    payee = models.CharField(_("paid to"), max_length=10, choices=Payee.choices)
    # Private, like every payee on a disbursement: never shown publicly.
    payee_name = models.CharField(_("creditor or court"), max_length=200)
    payee_account = models.CharField(_("creditor's or court's account (IBAN)"), max_length=34)
    court_reference = models.CharField(_("court case number"), max_length=40, blank=True)
    amount_owed = MoneyField(_("amount owed (OMR)"))
    held_for_debt = models.BooleanField(_("held for the debt"), default=False)
    discharged_at = models.DateTimeField(_("discharged"), null=True, blank=True)
    # The date above stays as the record that the debt was discharged; the document itself goes
    # with the case's other documents when the retention rule removes them.
    discharge_document = models.ForeignKey(
        CaseDocument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("debt")
        verbose_name_plural = _("debts")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_owed__gt=0), name="debt_owed_positive")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}"
