"""Debt relief cases: who is owed and how much, the documents that prove the debt (checked by a
caseworker), and the discharge with which the case closes.

The money never goes to the person: a disbursement to the creditor or the court is the only way
to pay (``joud.disbursements.services.requests`` refuses anything else, asking ``payable_debt``
here), and the case closes only on the discharge document once the payment is made
(``joud.disbursements.services.debts``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.access import CASEWORK_ROLES
from joud.beneficiaries.models import Case, CaseDocument, Category, Debt
from joud.beneficiaries.services.decisions import _set_status
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import STORABLE_MAXIMUM
from joud.core.money import parse_amount as parse_money
from joud.organizations.models import Membership
from joud.organizations.validators import normalize_iban, validate_iban


def _require_caseworker(actor, case: Case) -> None:
    if not Membership.objects.filter(
        user_id=getattr(actor, "pk", None),
        organization_id=case.organization_id,
        role__in=CASEWORK_ROLES,
        is_active=True,
    ).exists():
        raise BusinessError(_("Only the organization's caseworkers can do this."), code="forbidden")


def _amount(value) -> Decimal:
    text = str(value if value is not None else "").strip()
    if text.startswith("-"):
        raise BusinessError(_("An amount cannot be negative."), field="amount_owed")
    try:
        amount = parse_money(text, maximum=STORABLE_MAXIMUM)
    except ValidationError as exc:
        raise BusinessError(exc.messages[0], field="amount_owed") from exc
    if amount <= 0:
        raise BusinessError(_("The amount must be more than zero."), field="amount_owed")
    return amount


@transaction.atomic
def debt_record(
    *,
    case: Case,
    actor,
    payee: str,
    payee_name: str,
    payee_account: str,
    amount_owed,
    court_reference: str = "",
    held_for_debt: bool = False,
) -> Debt:
    """Record (or correct, until it is discharged) who is owed on a debt relief case."""
    _require_caseworker(actor, case)
    if case.category != Category.DEBT:
        raise BusinessError(_("Only a debt relief case records a debt."), field="category")
    if payee not in Debt.Payee.values:
        raise BusinessError(_("Choose who is paid: the creditor or the court."), field="payee")
    name = (payee_name or "").strip()
    if not name or len(name) > 200 or "\x00" in name:
        raise BusinessError(_("Enter the creditor's or the court's name."), field="payee_name")
    iban = normalize_iban(payee_account)
    try:
        validate_iban(iban)
    except ValidationError as exc:
        raise BusinessError(exc.messages[0], field="payee_account") from None
    if not iban:
        raise BusinessError(_("Enter the creditor's or the court's IBAN."), field="payee_account")
    reference = (court_reference or "").strip()
    if len(reference) > 40 or "\x00" in reference:
        raise BusinessError(_("Enter the court case number as printed."), field="court_reference")
    amount = _amount(amount_owed)
    debt = Debt.objects.select_for_update().filter(case=case).first()
    if debt is not None and debt.discharged_at:
        raise BusinessError(_("This debt is already discharged."), code="discharged")
    fields = {
        "payee": payee,
        "payee_name": name,
        "payee_account": iban,
        "court_reference": reference,
        "amount_owed": amount,
        "held_for_debt": bool(held_for_debt),
    }
    if debt is None:
        debt = Debt.objects.create(
            organization=case.organization, case=case, recorded_by=actor, **fields
        )
    else:
        for key, value in fields.items():
            setattr(debt, key, value)
        debt.save()
    audit_log(
        action="joud.case.debt_recorded",
        actor=actor,
        target=case,
        data={"payee": payee, "amount_owed": amount, "held": bool(held_for_debt)},
    )
    return debt


@transaction.atomic
def document_verify(*, document: CaseDocument, actor) -> CaseDocument:
    """A caseworker has checked the document against the original (idempotent)."""
    _require_caseworker(actor, document.case)
    if document.verified_at is None:
        document.verified_at = timezone.now()
        document.verified_by = actor
        document.save(update_fields=["verified_at", "verified_by", "updated_at"])
        audit_log(
            action="joud.case.document_verified",
            actor=actor,
            target=document.case,
            data={"kind": document.kind, "document": document.pk},
        )
    return document


def payable_debt(case: Case | None) -> Debt:
    """The debt a payment to the creditor or the court may settle, or a refusal saying why."""
    if case is None or case.category != Category.DEBT:
        raise BusinessError(
            _("A payment to a creditor or a court must name the debt relief case it settles."),
            code="debt_case_needed",
            field="case",
        )
    debt = Debt.objects.filter(case=case).first()
    if debt is not None and debt.discharged_at:
        raise BusinessError(_("This debt is already discharged."), code="discharged", field="case")
    if case.status != Case.Status.APPROVED:
        raise BusinessError(_("Only a verified (approved) case can be paid."), field="case")
    if debt is None:
        raise BusinessError(
            _("Record the debt (the creditor or court and the amount) before paying it."),
            code="debt_not_recorded",
            field="case",
        )
    if not case.documents.filter(
        kind__in=CaseDocument.PROOF_OF_DEBT, verified_at__isnull=False
    ).exists():
        raise BusinessError(
            _(
                "A debt is paid only once a caseworker has verified the court order or the "
                "creditor's statement."
            ),
            code="debt_unproven",
            field="case",
        )
    return debt


@transaction.atomic
def debt_close(*, debt: Debt, actor, document: CaseDocument) -> Debt:
    """Close the case on its verified discharge document (the payment's check is the caller's:
    ``joud.disbursements.services.debts.debt_relief_discharge``)."""
    _require_caseworker(actor, debt.case)
    if debt.discharged_at:
        raise BusinessError(_("This debt is already discharged."), code="discharged")
    if document.case_id != debt.case_id or document.kind != CaseDocument.Kind.DISCHARGE:
        raise BusinessError(
            _("Attach the discharge document of this case."), code="no_discharge", field="document"
        )
    if document.verified_at is None:
        raise BusinessError(
            _("A caseworker must verify the discharge document first."),
            code="discharge_unverified",
            field="document",
        )
    debt.discharged_at = timezone.now()
    debt.discharge_document = document
    debt.save(update_fields=["discharged_at", "discharge_document", "updated_at"])
    _set_status(case=debt.case, to=Case.Status.CLOSED, actor=actor)
    audit_log(
        action="joud.case.debt_discharged",
        actor=actor,
        target=debt.case,
        data={"document": document.pk},
    )
    return debt
