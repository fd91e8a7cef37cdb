"""Asking for a payment: the request itself, checked against the fund's restrictions before
anyone approves it, and its evidence files (through the one upload checker, encrypted)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models import Case, Category, PublicCase
from joud.beneficiaries.services import payable_debt
from joud.core import uploads
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import STORABLE_MAXIMUM, format_money, quantize
from joud.core.tenancy import scopes_disabled
from joud.disbursements import access
from joud.disbursements.models import Disbursement, Evidence, new_reference
from joud.disbursements.purposes import Purpose, zakat_eligible
from joud.ledger.models import Account
from joud.organizations.validators import normalize_iban, validate_iban

PayeeKind = Disbursement.PayeeKind
# The funds a payment may name (the endowment's principal is listed so that asking is refused
# with the reason, rather than the fund silently missing).
SPENDABLE_KINDS = (
    Account.Kind.GENERAL,
    Account.Kind.ADMIN,
    Account.Kind.ZAKAT,
    Account.Kind.WAQF_PRINCIPAL,
    Account.Kind.WAQF_INCOME,
    Account.Kind.INITIATIVE,
    Account.Kind.CASE,
)
_CR_NUMBER = re.compile(r"\d{4,20}")


def _case_fund_case_id(source: Account) -> int | None:
    """The beneficiary case a verified case's fund (``case:<public case id>``) belongs to."""
    try:
        public_id = int(source.code.split(":", 1)[1])
    except (IndexError, ValueError):
        return None
    with scopes_disabled():
        return PublicCase.objects.filter(pk=public_id).values_list("case_id", flat=True).first()


def check_restrictions(
    *, source: Account, purpose: str, initiative_id: int | None, payee_kind: str, case_id=None
) -> None:
    """Restricted money only reaches its allowed purposes; refused with the reason, before any
    approval (the ledger checks zakat and endowment principal again when it books)."""
    if source.restriction == Account.Restriction.WAQF_PRINCIPAL:
        raise BusinessError(
            _(
                "An endowment's principal is kept for ever: it is never paid out. Pay from its returns."
            ),
            code="waqf_principal",
            field="source",
        )
    if source.restriction == Account.Restriction.WAQF_INCOME and purpose not in source.purposes:
        raise BusinessError(
            _("An endowment's returns may only be paid for the purposes its deed names."),
            code="waqf_purpose",
            field="purpose",
        )
    if source.restriction == Account.Restriction.ZAKAT and not zakat_eligible(purpose):
        raise BusinessError(
            _(
                "Zakat money may only be paid for a zakat-eligible purpose: people in need, "
                "debt relief or stranded travellers."
            ),
            code="zakat_ring_fenced",
            field="purpose",
        )
    if source.kind == Account.Kind.INITIATIVE and initiative_id != source.initiative_id:
        raise BusinessError(
            _("An initiative's money may only be spent on that initiative."),
            code="initiative_restricted",
            field="initiative",
        )
    if (
        source.kind == Account.Kind.CASE
        and payee_kind in (PayeeKind.BENEFICIARY, PayeeKind.CREDITOR)
        and case_id != _case_fund_case_id(source)
    ):
        raise BusinessError(
            _("A verified case's money may only be paid to that case."),
            code="case_restricted",
            field="case",
        )


def _check_payee(*, organization, payee_kind, payee_name, commercial_registration, case, purpose):
    if payee_kind not in PayeeKind.values:
        raise BusinessError(_("Choose who is paid."), field="payee_kind")
    if not payee_name.strip():
        raise BusinessError(_("Enter the name of the account holder."), field="payee_name")
    if payee_kind == PayeeKind.SUPPLIER and not _CR_NUMBER.fullmatch(commercial_registration):
        raise BusinessError(
            _("Enter the supplier's commercial registration number (digits only)."),
            field="commercial_registration",
        )
    if payee_kind == PayeeKind.BENEFICIARY:
        if case is None or case.organization_id != organization.pk:
            raise BusinessError(_("Choose one of the organization's cases."), field="case")
        if case.status != Case.Status.APPROVED:
            raise BusinessError(_("Only a verified (approved) case can be paid."), field="case")
    if payee_kind == PayeeKind.BENEFICIARY and case.category == Category.DEBT:
        raise BusinessError(
            _(
                "A debt is paid to the creditor or the court, never as cash to the person: "
                "choose “A creditor or court”."
            ),
            code="debt_cash_refused",
            field="payee_kind",
        )
    if purpose == Purpose.DEBT_RELIEF and payee_kind != PayeeKind.CREDITOR:
        raise BusinessError(
            _("Debt relief is paid only to the creditor or the court, never to the person."),
            code="debt_cash_refused",
            field="payee_kind",
        )
    if payee_kind == PayeeKind.CREDITOR:
        _check_creditor(organization=organization, case=case, purpose=purpose)
    if payee_kind == PayeeKind.OWN_ACCOUNT and purpose != Purpose.OPERATIONS:
        raise BusinessError(
            _("The organization's own account is paid only for its running costs."),
            field="purpose",
        )


# A debt's payments still counting against it (a rejected or bounced one does not).
_OUTSTANDING = (
    Disbursement.State.DRAFT,
    Disbursement.State.SUBMITTED,
    Disbursement.State.MINISTRY,
    Disbursement.State.POSTED,
    Disbursement.State.PAID,
)


def _check_creditor(*, organization, case, purpose) -> None:
    if case is not None and case.organization_id != organization.pk:
        raise BusinessError(_("Choose one of the organization's cases."), field="case")
    payable_debt(case)
    if purpose != Purpose.DEBT_RELIEF:
        raise BusinessError(
            _("A payment to a creditor or a court is debt relief: choose that purpose."),
            field="purpose",
        )


def _check_debt_payment(*, case, payee_name: str, iban: str, amount: Decimal) -> None:
    """The payment goes to the debt's recorded payee, to its account, for no more than is left."""
    debt = payable_debt(case)
    if iban != debt.payee_account or payee_name.strip() != debt.payee_name:
        raise BusinessError(
            _(
                "A debt is paid only to the creditor or court recorded on the case, to its "
                "recorded account."
            ),
            code="debt_payee_mismatch",
            field="bank_account",
        )
    already = Disbursement.objects.filter(
        case=case, payee_kind=PayeeKind.CREDITOR, state__in=_OUTSTANDING
    ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if already + amount > debt.amount_owed:
        raise BusinessError(
            _("This is more than is left of the debt (%(left)s).")
            % {"left": format_money(debt.amount_owed - already)},
            code="debt_overpaid",
            field="amount",
        )


@transaction.atomic
def disbursement_create(
    *,
    organization,
    actor,
    source: Account,
    purpose: str,
    amount: Decimal,
    payee_kind: str,
    payee_name: str,
    bank_account: str,
    planned_on: dt.date,
    initiative=None,
    case=None,
    commercial_registration: str = "",
    details: str = "",
) -> Disbursement:
    """A draft request for a payment out of ``source`` (one of ``organization``'s funds)."""
    access.require_finance(actor, organization.pk)
    if source.organization_id != organization.pk or source.kind not in SPENDABLE_KINDS:
        raise BusinessError(_("Choose one of the organization's funds."), field="source")
    if purpose not in Purpose.values:
        raise BusinessError(_("Choose a purpose from the list."), field="purpose")
    amount = quantize(amount)
    if not Decimal(0) < amount <= STORABLE_MAXIMUM:
        raise BusinessError(_("The amount must be more than zero."), field="amount")
    if initiative is not None and initiative.organization_id != organization.pk:
        raise BusinessError(_("Choose one of the organization's initiatives."), field="initiative")
    if initiative is None and source.kind == Account.Kind.INITIATIVE:
        initiative = source.initiative
    commercial_registration = (commercial_registration or "").strip()
    _check_payee(
        organization=organization,
        payee_kind=payee_kind,
        payee_name=payee_name,
        commercial_registration=commercial_registration,
        case=case,
        purpose=purpose,
    )
    check_restrictions(
        source=source,
        purpose=purpose,
        initiative_id=getattr(initiative, "pk", None),
        payee_kind=payee_kind,
        case_id=getattr(case, "pk", None),
    )
    iban = normalize_iban(bank_account)
    try:
        validate_iban(iban)
    except ValidationError as exc:
        raise BusinessError(exc.messages[0], field="bank_account") from None
    if not iban:
        raise BusinessError(_("Enter the payee's IBAN."), field="bank_account")
    if payee_kind == PayeeKind.CREDITOR:
        _check_debt_payment(case=case, payee_name=payee_name, iban=iban, amount=amount)
    disbursement = Disbursement.objects.create(
        organization=organization,
        reference=new_reference(),
        source=source,
        initiative=initiative,
        purpose=purpose,
        amount=amount,
        payee_kind=payee_kind,
        payee_name=payee_name.strip()[:200],
        commercial_registration=commercial_registration if payee_kind == PayeeKind.SUPPLIER else "",
        case=case if payee_kind in (PayeeKind.BENEFICIARY, PayeeKind.CREDITOR) else None,
        bank_account=iban,
        planned_on=planned_on,
        details=details.strip()[:300],
        requested_by=actor,
    )
    audit_log(
        action="joud.disbursement.created",
        actor=actor,
        target=disbursement,
        data={
            "amount": amount,
            "fund": source.code,
            "purpose": purpose,
            "payee_kind": payee_kind,
        },
    )
    return disbursement


@transaction.atomic
def evidence_add(
    *, disbursement: Disbursement, actor, kind: str, file, is_public: bool
) -> Evidence:
    """An invoice, a quotation or a delivery photo, checked and encrypted like case documents;
    public ones are shown on the public money page once the payment is booked."""
    access.require_finance(actor, disbursement.organization_id)
    if disbursement.state == Disbursement.State.REJECTED:
        raise BusinessError(_("A rejected payment takes no more documents."))
    if kind not in Evidence.Kind.values:
        raise BusinessError(_("Choose the kind of document."), field="kind")
    stored, content_type = uploads.checked_document(file)
    evidence = Evidence.objects.create(
        organization_id=disbursement.organization_id,
        disbursement=disbursement,
        kind=kind,
        is_public=bool(is_public),
        file=stored,
        original_name=uploads.original_name(file),
        content_type=content_type,
        encrypted=True,
        uploaded_by=actor,
    )
    audit_log(
        action="joud.disbursement.evidence_added",
        actor=actor,
        target=disbursement,
        data={"kind": kind, "public": bool(is_public), "evidence": evidence.pk},
    )
    return evidence
