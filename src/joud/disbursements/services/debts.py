"""Debt relief, the payment side: a debt relief case closes on its discharge document only once
a payment to its creditor or court has been made (and not bounced)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models import CaseDocument, Debt
from joud.beneficiaries.services import debt_close
from joud.core.errors import BusinessError
from joud.disbursements.models import Disbursement


@transaction.atomic
def debt_relief_discharge(*, debt: Debt, actor, document: CaseDocument) -> Debt:
    paid = Disbursement.objects.filter(
        case_id=debt.case_id,
        payee_kind=Disbursement.PayeeKind.CREDITOR,
        state=Disbursement.State.PAID,
    ).exists()
    if not paid:
        raise BusinessError(
            _("The case closes on the discharge once the creditor or the court has been paid."),
            code="debt_unpaid",
        )
    return debt_close(debt=debt, actor=actor, document=document)
