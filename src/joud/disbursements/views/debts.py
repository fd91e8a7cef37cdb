"""Debt relief's last step, taken by a caseworker on the case page: close the case on its
verified discharge, once the creditor or the court has been paid (``services.debts``)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from joud.beneficiaries.access import caseworker_required
from joud.beneficiaries.models import Debt
from joud.beneficiaries.views.helpers import case_or_404
from joud.core.errors import BusinessError
from joud.disbursements import services


@caseworker_required
@require_POST
def debt_discharge(request, reference: str, document_id: int):
    case = case_or_404(reference)
    debt = Debt.objects.filter(case=case).first()
    document = get_object_or_404(case.documents, pk=document_id)
    if debt is None:
        messages.error(request, _("This case has no debt recorded."))
        return redirect("beneficiaries:case_detail", reference=reference)
    try:
        services.debt_relief_discharge(debt=debt, actor=request.user, document=document)
    except BusinessError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The debt is settled and the case is closed."))
    return redirect("beneficiaries:case_detail", reference=reference)
