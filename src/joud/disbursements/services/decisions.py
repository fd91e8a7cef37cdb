"""A payment's way through: submitted, approved by a second member of the finance team (four
eyes), by the ministry above ``JOUD_DISBURSEMENT_MINISTRY_THRESHOLD``, booked in the ledger,
paid, and — if the bank returns the transfer — reversed by a new ledger entry, never an edit.
Every step is audited by the transition table (``joud.disbursement.<verb>``)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.services import payable_debt
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.workflow import ActorKind
from joud.disbursements import access
from joud.disbursements.models import Disbursement
from joud.disbursements.notifications import tell_approvers, tell_requester
from joud.disbursements.services.requests import check_restrictions
from joud.disbursements.workflow import DISBURSEMENT
from joud.ledger import accounts
from joud.ledger.models import Entry, Transaction
from joud.ledger.services import Line, ledger_disburse, post_lines

State = Disbursement.State


def ministry_threshold() -> Decimal:
    return Decimal(str(settings.JOUD_DISBURSEMENT_MINISTRY_THRESHOLD))


def needs_ministry(disbursement: Disbursement) -> bool:
    return disbursement.amount > ministry_threshold()


def _locked(disbursement: Disbursement) -> Disbursement:
    return Disbursement.unscoped.select_for_update().get(pk=disbursement.pk)


def _recheck(item: Disbursement) -> None:
    if item.payee_kind == Disbursement.PayeeKind.CREDITOR:
        payable_debt(item.case)  # still approved, proven and not yet discharged
    check_restrictions(
        source=item.source,
        purpose=item.purpose,
        initiative_id=item.initiative_id,
        payee_kind=item.payee_kind,
        case_id=item.case_id,
    )


def _move(item, *, to, by, actor, reason="", data=None, fields=()):
    transition = DISBURSEMENT.check(source=item.state, to=to, by=by, actor=actor, reason=reason)
    source = item.state
    item.state = to
    if transition.needs_reason:
        item.reason = reason.strip()
    item.save(update_fields=["state", "reason", "updated_at", *fields])
    DISBURSEMENT.record(
        transition,
        target=item,
        source=source,
        to=to,
        actor=actor,
        reason=reason,
        data={"amount": item.amount, **(data or {})},
    )
    return item


@transaction.atomic
def disbursement_submit(*, disbursement: Disbursement, actor) -> Disbursement:
    item = _locked(disbursement)
    access.require_finance(actor, item.organization_id)
    _recheck(item)
    item.submitted_at = timezone.now()
    _move(item, to=State.SUBMITTED, by=ActorKind.ORGANIZATION, actor=actor, fields=["submitted_at"])
    tell_approvers(item)
    return item


def _post(item: Disbursement, *, actor, by, **move) -> Disbursement:
    """Book the payment out of its fund (the ledger refuses what the fund's restriction or its
    balance does not allow: the whole step is then undone)."""
    DISBURSEMENT.check(source=item.state, to=State.POSTED, by=by, actor=actor)
    _recheck(item)
    item.posting = ledger_disburse(
        account=item.source,
        amount=item.amount,
        purpose=item.ledger_purpose,
        reference=item.reference,
        actor=actor,
        memo=f"{item.reference} {item.purpose}",
    )
    item.posted_at = timezone.now()
    fields = ["posting", "posted_at", *move.pop("fields", [])]
    return _move(item, to=State.POSTED, by=by, actor=actor, fields=fields, **move)


@transaction.atomic
def disbursement_approve(*, disbursement: Disbursement, actor) -> Disbursement:
    """The organization's second approval: never by the person who asked (four eyes). Above the
    ministry's threshold the payment then waits for the ministry; otherwise it is booked."""
    item = _locked(disbursement)
    access.require_approver(actor, item)
    item.approved_by, item.approved_at = actor, timezone.now()
    fields = ["approved_by", "approved_at"]
    if needs_ministry(item):
        _recheck(item)
        _move(item, to=State.MINISTRY, by=ActorKind.ORGANIZATION, actor=actor, fields=fields)
    else:
        _post(item, actor=actor, by=ActorKind.ORGANIZATION, fields=fields)
    tell_requester(item)
    return item


@transaction.atomic
def disbursement_reject(*, disbursement: Disbursement, actor, reason: str) -> Disbursement:
    item = _locked(disbursement)
    access.require_approver(actor, item)
    _move(item, to=State.REJECTED, by=ActorKind.ORGANIZATION, actor=actor, reason=reason)
    tell_requester(item)
    return item


@transaction.atomic
def disbursement_ministry_decide(
    *, disbursement: Disbursement, actor, approve: bool, reason: str = ""
) -> Disbursement:
    item = _locked(disbursement)
    item.ministry_by = actor
    if approve:
        _post(item, actor=actor, by=ActorKind.MINISTRY, fields=["ministry_by"])
    else:
        _move(
            item,
            to=State.REJECTED,
            by=ActorKind.MINISTRY,
            actor=actor,
            reason=reason,
            fields=["ministry_by"],
        )
    tell_requester(item)
    return item


@transaction.atomic
def disbursement_mark_paid(*, disbursement: Disbursement, actor) -> Disbursement:
    item = _locked(disbursement)
    access.require_finance(actor, item.organization_id)
    item.paid_at = timezone.now()
    return _move(item, to=State.PAID, by=ActorKind.ORGANIZATION, actor=actor, fields=["paid_at"])


@transaction.atomic
def disbursement_bounce(*, disbursement: Disbursement, actor, reason: str) -> Disbursement:
    """The bank returned the transfer: the money goes back into the fund it left by a NEW,
    opposite ledger entry (the payment's own entry is never touched)."""
    item = _locked(disbursement)
    access.require_finance(actor, item.organization_id)
    DISBURSEMENT.check(
        source=item.state, to=State.BOUNCED, by=ActorKind.ORGANIZATION, actor=actor, reason=reason
    )
    if item.posting_id is None:
        raise BusinessError(_("This payment was never booked."))
    bank = accounts.organization_account(item.organization_id, "bank")
    item.reversal = post_lines(
        kind=Transaction.Kind.DISBURSEMENT,
        organization_id=item.organization_id,
        reference=f"{item.reference}-B",
        memo=f"{item.reference} bounced",
        lines=[
            Line(bank.pk, Entry.Kind.DISBURSEMENT, debit=item.amount),
            Line(item.source_id, Entry.Kind.DISBURSEMENT, credit=item.amount),
        ],
    )
    item.bounced_at = timezone.now()
    audit_log(
        action="joud.ledger.disbursement_reversed",
        actor=actor,
        target=item.reversal,
        organization=item.organization,
        data={"reference": item.reference, "amount": item.amount, "account": item.source.code},
    )
    return _move(
        item,
        to=State.BOUNCED,
        by=ActorKind.ORGANIZATION,
        actor=actor,
        reason=reason,
        fields=["reversal", "bounced_at"],
    )
